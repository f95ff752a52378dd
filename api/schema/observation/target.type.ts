import { Field, Float, ObjectType } from "type-graphql";
import type { TargetRow } from "../../db/database.js";
import { TargetComparator, TargetKind } from "../common/enums.js";
import { Period } from "../common/period.type.js";

@ObjectType({ description: "A target an authority set for an indicator: a value to reach (or exceed) by the end of a period." })
export class Target {
  @Field(() => Float, { description: "Target value in the indicator's base unit." })
  value!: number;
  @Field(() => TargetComparator, { description: "How the value is to be met: reach it, more than it (“hơn 97%”), at least it." })
  comparator!: TargetComparator;
  @Field(() => TargetKind, { description: "A level to reach, or a change (increase) during the period." })
  kind!: TargetKind;
  @Field(() => Period, { description: "The period by whose end the target applies." })
  period!: Period;
  @Field(() => String, { nullable: true, description: "How the target is worded and read, in English (the same as `noteEn`)." })
  note!: string | null;
  @Field(() => String, { nullable: true, description: "How the target is worded and read, in Vietnamese." })
  noteVi!: string | null;
  @Field(() => String, { nullable: true, description: "How the target is worded and read, in English." })
  noteEn!: string | null;

  indicatorId!: string;
  areaCode!: string;
  sourceId!: string;

  static from(row: TargetRow): Target {
    return Object.assign(new Target(), {
      value: row.value, comparator: row.comparator as TargetComparator, kind: row.kind as TargetKind,
      period: { start: row.period_start, end: row.period_end, label: row.period_label, basis: null },
      note: row.note, noteVi: row.note_vi, noteEn: row.note, indicatorId: row.indicator_id, areaCode: row.area_code, sourceId: row.source_id,
    });
  }
}
