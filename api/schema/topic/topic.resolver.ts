import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { allRows } from "../../db/queries.js";
import { notFound } from "../common/errors.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Topic } from "./topic.type.js";

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => [Topic], { description: "Every topic, in the order the site shows them." })
  async topics(@Ctx() { db }: Context): Promise<Topic[]> {
    return (await allRows(db, "topics")).map(Topic.from);
  }

  @Query(() => Topic, { nullable: true, description: "One topic by id. Errors with NOT_FOUND for an unknown id." })
  async topic(@Arg("id", () => ID, { description: "Topic id, e.g. `kinh-te-so`." }) id: string, @Ctx() { loaders }: Context): Promise<Topic> {
    const row = await loaders.topic.load(id);
    if (!row) throw notFound("topic", id, "List the ids with { topics { id } }.");
    return Topic.from(row);
  }

  @FieldResolver(() => [Indicator], { description: "Indicators of this topic." })
  async indicators(@Root() topic: Topic, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    return (await loaders.indicatorsByTopic.load(topic.id)).map(Indicator.from);
  }
}
