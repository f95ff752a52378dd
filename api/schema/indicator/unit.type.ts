import { Field, ID, ObjectType } from "type-graphql";
import type { UnitRow } from "../../db/database.js";
import { UnitKind } from "../common/enums.js";

@ObjectType({ description: "Unit of measure of an indicator. Values are always in this base unit (VND, not billions)." })
export class Unit {
  @Field(() => ID, { description: "Stable id: count, percent, vnd, rank, km2, person, criteria." })
  id!: string;
  @Field(() => String, { description: "Symbol to print after a number (%, ₫, km²); empty for plain counts." })
  symbol!: string;
  @Field(() => String, { description: "Name in Vietnamese." })
  name!: string;
  @Field(() => String, { description: "Name in English." })
  nameEn!: string;
  @Field(() => UnitKind, { description: "Kind of quantity." })
  kind!: UnitKind;

  static from(row: UnitRow): Unit {
    return Object.assign(new Unit(), { id: row.id, symbol: row.symbol, name: row.name, nameEn: row.name_en, kind: row.kind as UnitKind });
  }
}
