import { Field, ObjectType } from "type-graphql";
import { PeriodBasis } from "./enums.js";
import { DateScalar } from "./scalars.js";

@ObjectType({ description: "The time a value or target refers to: a day (start = end) or an interval, with a readable label." })
export class Period {
  @Field(() => DateScalar, { description: "First day of the period (YYYY-MM-DD)." })
  start!: string;

  @Field(() => DateScalar, { description: "Last day of the period (YYYY-MM-DD); equal to start for a value at a date." })
  end!: string;

  @Field(() => String, { description: "Label as shown on the site, e.g. 2023-H1, DTI 2022, cuối 2023 (end of 2023)." })
  label!: string;

  @Field(() => PeriodBasis, { nullable: true, description: "Where the period comes from (stated by the source, the publication date, or bracketed). Null for targets." })
  basis!: PeriodBasis | null;
}
