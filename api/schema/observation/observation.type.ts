import { Field, Float, ID, ObjectType } from "type-graphql";
import type { AreaRow, ObservationRow, SourceRow } from "../../db/database.js";
import { ObservationStatus, PeriodBasis } from "../common/enums.js";
import { Period } from "../common/period.type.js";

@ObjectType({ description: "One value of an indicator for an area and period, from one source." })
export class Observation {
  @Field(() => ID, { description: "Stable id (a hash of indicator, area, period, breakdown and source): the permalink of this value." })
  id!: string;
  @Field(() => Period, { description: "The period the value refers to." })
  period!: Period;
  @Field(() => Float, { description: "The value in the indicator's base unit (a count, a percent 0–100, VND, km²)." })
  value!: number;
  @Field(() => ObservationStatus, { description: "Reported, estimate (“ước”), approximate (“gần”, “khoảng”) or computed by the portal." })
  status!: ObservationStatus;
  @Field(() => String, { nullable: true, description: "Notes on the value, in English (the same as `noteEn`): wording of the source, why the period is what it is, what a denominator refers to." })
  note!: string | null;
  @Field(() => String, { nullable: true, description: "Notes on the value in Vietnamese: wording of the source, why the period is what it is, what a denominator refers to, how the portal computed it. Given with `noteEn` or not at all." })
  noteVi!: string | null;
  @Field(() => String, { nullable: true, description: "Notes on the value in English. Given with `noteVi` or not at all." })
  noteEn!: string | null;
  @Field(() => ID, { description: "GSO code of the area the value is for." })
  areaCode!: string;

  indicatorId!: string;
  sourceId!: string;
  breakdownId!: string | null;
  rowId!: number;
  /** Area and source rows loaded for a whole page at once (see ObservationResolver.observations). */
  pageArea?: AreaRow | null;
  pageSource?: SourceRow;

  static from(row: ObservationRow): Observation {
    return Object.assign(new Observation(), {
      id: row.key,
      period: { start: row.period_start, end: row.period_end, label: row.period_label, basis: row.period_basis as PeriodBasis },
      value: row.value, status: row.status as ObservationStatus, note: row.note, noteVi: row.note_vi, noteEn: row.note, areaCode: row.area_code,
      indicatorId: row.indicator_id, sourceId: row.source_id, breakdownId: row.breakdown_id, rowId: row.id,
    });
  }
}

@ObjectType({ description: "A part of a value broken down by a category (a region, a band of criteria met)." })
export class Breakdown {
  @Field(() => ID, { description: "Stable id, e.g. `khu-vuc-i`." })
  id!: string;
  @Field(() => String, { description: "Name in Vietnamese." })
  name!: string;
  @Field(() => String, { description: "Name in English." })
  nameEn!: string;
}
