import { ArgsType, Field, ID } from "type-graphql";
import { AreaLevel } from "../common/enums.js";
import { PageArgs } from "../common/page.js";
import { DateScalar } from "../common/scalars.js";

@ArgsType()
export class AreasArgs extends PageArgs {
  @Field(() => AreaLevel, { nullable: true, description: "Only units of this level." })
  level?: AreaLevel | null;
  @Field(() => ID, { nullable: true, description: "Only units whose parent carries this GSO code." })
  parentCode?: ID | null;
  @Field(() => DateScalar, { nullable: true, description: "Only units valid on this date. Without it, units of every period are listed, each with its validity." })
  asOf?: string | null;
  @Field(() => String, { nullable: true, description: "Words of the name; diacritics, case and the unit-type prefix are ignored (“phu binh” finds Huyện Phú Bình)." })
  search?: string | null;
}
type ID = string;
