import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from "type-graphql";
import { findObservations, observationByKey } from "../../db/queries.js";
import { Area } from "../area/area.type.js";
import { badUserInput, notFound } from "../common/errors.js";
import { mapOnce } from "../common/map-once.js";
import { Connection, toConnection, toPage } from "../common/page.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Unit } from "../indicator/unit.type.js";
import { Source } from "../source/source.type.js";
import { ObservationsArgs } from "./observation.args.js";
import { Breakdown, Observation } from "./observation.type.js";

@ObjectType({ description: "A page of observations." })
export class ObservationConnection extends Connection(Observation, "Observation", "observation") {}

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => ObservationConnection, { description: "Observations filtered by indicator, area, source and period overlap, in a stable order (for bulk reading page by page)." })
  async observations(@Args(() => ObservationsArgs) args: ObservationsArgs, @Ctx() { db, loaders }: Context): Promise<ObservationConnection> {
    const page = toPage(args, "observations");
    if (args.from && args.to && args.from > args.to) throw badUserInput(`"from" (${args.from}) must not be after "to" (${args.to}).`, "from");
    // An unknown filter id is a mistake to report, not an empty list.
    if (args.indicatorId && !(await loaders.indicator.load(args.indicatorId))) throw notFound("indicator", args.indicatorId, "List the ids with { indicators(first: 1000) { nodes { id } } }.");
    if (args.sourceId && !(await loaders.source.load(args.sourceId))) throw notFound("source", args.sourceId, "List the ids with { sources { id } }.");
    if (args.areaCode && (await loaders.areaVersions.load(args.areaCode)).length === 0) throw notFound("area", args.areaCode, "Codes are GSO codes: 19 is Thái Nguyên province.", "code");
    const { rows, totalCount } = await findObservations(db, args, page);
    const connection = toConnection("observations", rows, totalCount, page, (r) => r.id, Observation.from);
    // Load the page's areas and sources in one batch each, so the 2 × N field resolvers below
    // answer without a promise per node (bulk pages of 1,000 are the API's heaviest reads).
    const nodes = connection.nodes;
    const [areas, sources] = await Promise.all([
      loaders.areaAt.loadMany(nodes.map((o) => ({ code: o.areaCode, date: o.period.end }))),
      loaders.source.loadMany(nodes.map((o) => o.sourceId)),
    ]);
    nodes.forEach((o, i) => {
      const area = areas[i];
      const source = sources[i];
      if (!(area instanceof Error)) o.pageArea = area;
      if (source && !(source instanceof Error)) o.pageSource = source;
    });
    return connection;
  }

  @Query(() => Observation, {
    nullable: true,
    description:
      "One observation by id: the value a permalink points to (…/chi-so/<indicator>/#obs-<id>; the `observation_id` column of the downloads). " +
      "The way to quote or re-check one value: `{ observation(id: \"…\") { value fact permalink source { title url } } }`. Errors with NOT_FOUND for an unknown id.",
  })
  async observation(
    @Arg("id", () => ID, { description: "Observation id, e.g. the part after #obs- in a permalink." }) id: string,
    @Ctx() { db }: Context,
  ): Promise<Observation> {
    const row = await observationByKey(db, id);
    if (!row) throw notFound("observation", id, "Observation ids are in the permalinks (#obs-<id>) and in the observation_id column of the downloads; list them with { observations(indicatorId: \"…\") { nodes { id } } }.");
    return Observation.from(row);
  }

  @FieldResolver(() => Indicator, { description: "The indicator measured." })
  async indicator(@Root() o: Observation, @Ctx() { loaders }: Context): Promise<Indicator> {
    return mapOnce((await loaders.indicator.load(o.indicatorId))!, Indicator.from);
  }

  @FieldResolver(() => Unit, { description: "Unit of the value (the indicator's unit)." })
  async unit(@Root() o: Observation, @Ctx() { loaders }: Context): Promise<Unit> {
    const indicator = (await loaders.indicator.load(o.indicatorId))!;
    return mapOnce((await loaders.unit.load(indicator.unit_id))!, Unit.from);
  }

  @FieldResolver(() => Area, { nullable: true, description: "The area, as the unit was at the end of the period (the version valid then)." })
  area(@Root() o: Observation, @Ctx() { loaders }: Context): Area | null | Promise<Area | null> {
    if (o.pageArea !== undefined) return o.pageArea ? mapOnce(o.pageArea, Area.from) : null;
    return loaders.areaAt.load({ code: o.areaCode, date: o.period.end }).then((row) => (row ? mapOnce(row, Area.from) : null));
  }

  @FieldResolver(() => Source, { description: "Where the value comes from." })
  source(@Root() o: Observation, @Ctx() { loaders }: Context): Source | Promise<Source> {
    if (o.pageSource) return mapOnce(o.pageSource, Source.from);
    return loaders.source.load(o.sourceId).then((row) => mapOnce(row!, Source.from));
  }

  @FieldResolver(() => Breakdown, { nullable: true, description: "The part this value is of a broken-down total (e.g. region area I); null for a total." })
  async breakdown(@Root() o: Observation, @Ctx() { loaders }: Context): Promise<Breakdown | null> {
    const row = o.breakdownId ? await loaders.breakdown.load(o.breakdownId) : null;
    return row ? { id: row.id, name: row.name, nameEn: row.name_en } : null;
  }
}
