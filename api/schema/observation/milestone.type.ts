import { Field, ID, ObjectType } from "type-graphql";
import type { MilestoneRow } from "../../db/database.js";

@ObjectType({ description: "A dated qualitative fact (an app launched, a district recognised, a reorganisation), never a number." })
export class Milestone {
  @Field(() => ID, { description: "Stable id." })
  id!: string;
  @Field(() => String, { description: "Date as precisely as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD." })
  date!: string;
  @Field(() => String, { nullable: true, description: "What the date means when it is not exact, in English (the same as `dateNoteEn`)." })
  dateNote!: string | null;
  @Field(() => String, { nullable: true, description: "What the date means when it is not exact, in Vietnamese." })
  dateNoteVi!: string | null;
  @Field(() => String, { nullable: true, description: "What the date means when it is not exact, in English." })
  dateNoteEn!: string | null;
  @Field(() => String, { description: "What happened, in Vietnamese." })
  title!: string;
  @Field(() => String, { description: "What happened, in English." })
  titleEn!: string;
  @Field(() => ID, { description: "GSO code of the area concerned." })
  areaCode!: string;

  sourceId!: string;

  static from(row: MilestoneRow): Milestone {
    return Object.assign(new Milestone(), {
      id: row.id, date: row.date, dateNote: row.date_note, dateNoteVi: row.date_note_vi, dateNoteEn: row.date_note, title: row.title, titleEn: row.title_en, areaCode: row.area_code, sourceId: row.source_id,
    });
  }
}
