import { Field, ID, ObjectType } from "type-graphql";
import type { TopicRow } from "../../db/database.js";

@ObjectType({ description: "A theme grouping indicators (new rural development, digital government, ...)." })
export class Topic {
  @Field(() => ID, { description: "Stable id, e.g. `nong-thon-moi`." })
  id!: string;
  @Field(() => String, { description: "Name in Vietnamese." })
  name!: string;
  @Field(() => String, { description: "Name in English." })
  nameEn!: string;
  @Field(() => String, { description: "What the topic covers, in Vietnamese." })
  description!: string;
  @Field(() => String, { description: "What the topic covers, in English." })
  descriptionEn!: string;

  static from(row: TopicRow): Topic {
    return Object.assign(new Topic(), { id: row.id, name: row.name, nameEn: row.name_en, description: row.description, descriptionEn: row.description_en });
  }
}
