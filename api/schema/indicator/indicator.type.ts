import { Field, ID, ObjectType } from "type-graphql";
import type { IndicatorRow } from "../../db/database.js";

@ObjectType({ description: "Something measured over time for an area (communes meeting the new-rural standard, Chợ 4.0 markets, ...), with its unit, definition, observations, targets and sources." })
export class Indicator {
  @Field(() => ID, { description: "Stable id used in URLs and downloads, e.g. `cho-4-0-markets`." })
  id!: string;
  @Field(() => String, { description: "Name in Vietnamese." })
  name!: string;
  @Field(() => String, { description: "Name in English." })
  nameEn!: string;
  @Field(() => String, { description: "Definition in Vietnamese." })
  description!: string;
  @Field(() => String, { description: "Definition in English." })
  descriptionEn!: string;
  @Field(() => Boolean, { description: "False when a lower value is better (ranks: 1 is best)." })
  higherIsBetter!: boolean;

  topicId!: string;
  unitId!: string;
  numeratorId!: string | null;
  denominatorId!: string | null;

  static from(row: IndicatorRow): Indicator {
    return Object.assign(new Indicator(), {
      id: row.id, name: row.name, nameEn: row.name_en, description: row.description, descriptionEn: row.description_en,
      higherIsBetter: row.higher_is_better === 1, topicId: row.topic_id, unitId: row.unit_id,
      numeratorId: row.numerator_id, denominatorId: row.denominator_id,
    });
  }
}
