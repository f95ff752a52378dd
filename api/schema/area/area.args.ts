import { ArgsType, Field, ID } from "type-graphql";
import { AreaLevel, AreaUnitType } from "../common/enums.js";
import { PageArgs } from "../common/page.js";
import { DateScalar } from "../common/scalars.js";
import { SEARCH_LIMITS_SENTENCE } from "../search/search-limits.js";

@ArgsType()
export class AreasArgs extends PageArgs {
  @Field(() => AreaLevel, { nullable: true, description: "Only units of this level." })
  level?: AreaLevel | null;
  @Field(() => AreaUnitType, { nullable: true, description: "Only units of this type (e.g. XA to count rural communes)." })
  unitType?: AreaUnitType | null;
  @Field(() => ID, {
    nullable: true,
    description: "Only units whose direct parent carries this GSO code. Until 2025-06-30 a commune's parent is its district (e.g. 173 Phú Bình); from 2025-07-01 it is the province (19).",
  })
  parentCode?: ID | null;
  @Field(() => ID, {
    nullable: true,
    description: "Only units inside the unit with this GSO code, at any depth (children and grandchildren; the unit itself excluded): `withinCode: \"19\", level: COMMUNE, asOf: \"2021-06-30\"` counts the province's commune-level units on that date, before and after the district level was abolished.",
  })
  withinCode?: ID | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: "Only units valid on this date (YYYY-MM-DD). Without it, units of every period are listed, each version with its validity. The geography starts on 2020-01-01: earlier dates find nothing.",
  })
  asOf?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Words of the name; diacritics, case and a leading unit-type word (tỉnh, thành phố, thị xã, huyện, xã, phường, thị trấn, TP, TX, TT) are ignored: " +
      "“phu binh”, “PHÚ BÌNH” and “Huyện Phú Bình” find huyện Phú Bình. Words match whole words, the last one also a word's start (“phu bi”). " +
      "Results are ranked: exact full name, exact name, name start, then the rest (each in level and code order). Matches the Vietnamese and English names and the code. " +
      SEARCH_LIMITS_SENTENCE,
  })
  search?: string | null;
}
type ID = string;
