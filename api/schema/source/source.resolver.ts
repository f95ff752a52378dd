import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { allRows } from "../../db/queries.js";
import { notFound } from "../common/errors.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Source } from "./source.type.js";

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: "Every source of the portal, by id." })
  async sources(@Ctx() { db }: Context): Promise<Source[]> {
    return (await allRows(db, "sources")).map(Source.from);
  }

  @Query(() => Source, { nullable: true, description: "One source by id. Errors with NOT_FOUND for an unknown id." })
  async source(@Arg("id", () => ID, { description: "Source id, e.g. `thi-dua-2023`." }) id: string, @Ctx() { loaders }: Context): Promise<Source> {
    const row = await loaders.source.load(id);
    if (!row) throw notFound("source", id, "List the ids with { sources { id title } }.");
    return Source.from(row);
  }

  @FieldResolver(() => [Indicator], { description: "Indicators with values or targets from this source." })
  async indicators(@Root() source: Source, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    const ids = await loaders.indicatorIdsBySource.load(source.id);
    const rows = await loaders.indicator.loadMany(ids);
    return rows.filter((r) => r && !(r instanceof Error)).map((r) => Indicator.from(r as never)).sort((a, b) => a.id.localeCompare(b.id));
  }
}
