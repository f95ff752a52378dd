import { ArgsType, Field, ID } from "type-graphql";
import { PageArgs } from "../common/page.js";
import { DateScalar } from "../common/scalars.js";

@ArgsType()
export class ObservationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only values of this indicator." })
  indicatorId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only values for this area (GSO code)." })
  areaCode?: string | null;
  @Field(() => ID, { nullable: true, description: "Only values from this source." })
  sourceId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "Only periods ending on or after this date." })
  from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "Only periods starting on or before this date." })
  to?: string | null;
}
