import { ArgsType, Field, ID } from "type-graphql";
import { PageArgs } from "../common/page.js";
import { DateScalar } from "../common/scalars.js";
import { AS_OF_DESCRIPTION } from "./vintage.js";
import { SEARCH_LIMITS_SENTENCE } from "../search/search-limits.js";

@ArgsType()
export class IndicatorsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only indicators of this topic (id from `topics`)." })
  topic?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Words to find in the name (Vietnamese or English) or id; diacritics and case are ignored (“cho 4.0” finds “Chợ 4.0”). ${SEARCH_LIMITS_SENTENCE}`,
  })
  search?: string | null;
}

@ArgsType()
export class SeriesArgs {
  @Field(() => ID, { nullable: true, description: "GSO code of the area (19 = Thái Nguyên province). Default: every area." })
  areaCode?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Only periods ending on or after this date." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Only periods starting on or before this date." })
  to?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: "Include values broken down into parts (by region, by criteria met); by default only totals." })
  includeBreakdowns!: boolean;

  @Field(() => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION })
  asOf?: string | null;
}
