import { Field, ID, ObjectType } from "type-graphql";
import type { AreaRow } from "../../db/database.js";
import { AreaLevel, AreaUnitType } from "../common/enums.js";
import { DateScalar } from "../common/scalars.js";

@ObjectType({
  description:
    "An administrative unit (province, district-level or commune-level) as it was during its validity. A unit whose type, name, parent or territory changed has one Area per version " +
    "(e.g. 05869 Xã Hồng Tiến until 2022-04-09, Phường Hồng Tiến from 2022-04-10); `formedFrom` and `wentInto` link the versions.",
})
export class Area {
  @Field(() => ID, { description: "Id of this version: `<code>@<validFrom>`." })
  id!: string;
  @Field(() => ID, { description: "GSO code (a string: leading zeros matter, e.g. 06 = Bắc Kạn)." })
  code!: string;
  @Field(() => String, { description: "Short name, e.g. Phú Bình." })
  name!: string;
  @Field(() => String, { description: "Full name with the unit type, e.g. Huyện Phú Bình." })
  fullName!: string;
  @Field(() => String, { description: "Name in English without diacritics, e.g. Phu Binh." })
  nameEn!: string;
  @Field(() => String, { description: "Full name in English, e.g. Phu Binh District." })
  fullNameEn!: string;
  @Field(() => AreaLevel, { description: "Administrative level." })
  level!: AreaLevel;
  @Field(() => AreaUnitType, { description: "Unit type as the GSO names it (tỉnh, huyện, thị xã, thành phố, xã, phường, thị trấn)." })
  unitType!: AreaUnitType;
  @Field(() => DateScalar, {
    description: "First day of validity. 2020-01-01 (where the geography starts) or a unit list's date when earlier history is not covered or the exact date is not known: `validityNote` then says so.",
  })
  validFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: "Last day of validity; null while still valid. When the exact end is not known, the day before the first unit list without this version (`validityNote` says so)." })
  validTo!: string | null;
  @Field(() => String, { nullable: true, description: "What is known and not known about the validity dates; null when both are exact." })
  validityNote!: string | null;
  @Field(() => String, { nullable: true, description: "What is known and not known about the validity dates, in Vietnamese; null when both are exact." })
  validityNoteVi!: string | null;
  @Field(() => String, { nullable: true, description: "What is known and not known about the validity dates, in English (the same as `validityNote`); null when both are exact." })
  validityNoteEn!: string | null;
  @Field(() => ID, { nullable: true, description: "GSO code of the parent unit; null for a province." })
  parentCode!: string | null;

  sourceId!: string;

  static from(row: AreaRow): Area {
    return Object.assign(new Area(), {
      id: row.id, code: row.code, name: row.name, fullName: row.full_name, nameEn: row.name_en, fullNameEn: row.full_name_en,
      level: row.level as AreaLevel, unitType: row.unit_type as AreaUnitType, validFrom: row.valid_from, validTo: row.valid_to,
      validityNote: row.validity_note, validityNoteVi: row.validity_note_vi, validityNoteEn: row.validity_note, parentCode: row.parent_code, sourceId: row.source_id,
    });
  }
}
