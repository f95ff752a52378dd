import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from "type-graphql";
import { findIndicators } from "../../db/queries.js";
import { searchTokens } from "../../lib/text.js";
import { checkSearchLength, checkSearchWords } from "../search/search-limits.js";
import { noSearchWords, notFound } from "../common/errors.js";
import { Connection, toConnection, toPage } from "../common/page.js";
import type { Context } from "../context.js";
import { Milestone } from "../observation/milestone.type.js";
import { Observation } from "../observation/observation.type.js";
import { Target } from "../observation/target.type.js";
import { Source } from "../source/source.type.js";
import { Topic } from "../topic/topic.type.js";
import { IndicatorsArgs, SeriesArgs } from "./indicator.args.js";
import { Indicator } from "./indicator.type.js";
import { Unit } from "./unit.type.js";
import { AS_OF_DESCRIPTION, headlineAsOf, seriesAsOf } from "./vintage.js";
import { DateScalar } from "../common/scalars.js";

@ObjectType({ description: "A page of indicators." })
export class IndicatorConnection extends Connection(Indicator, "Indicator", "indicator") {}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => IndicatorConnection, { description: "Indicators, optionally of one topic or matching search words, in the site's order." })
  async indicators(@Args(() => IndicatorsArgs) args: IndicatorsArgs, @Ctx() { db, loaders }: Context): Promise<IndicatorConnection> {
    const page = toPage(args, "indicators");
    if (args.search != null) checkSearchLength(args.search, "search");
    const tokens = searchTokens(args.search ?? "");
    if (args.search != null && tokens.length === 0) throw noSearchWords();
    checkSearchWords(tokens, "search");
    if (args.topic && !(await loaders.topic.load(args.topic))) throw notFound("topic", args.topic, "List the ids with { topics { id } }.");
    const { rows, totalCount } = await findIndicators(db, { topicId: args.topic, tokens }, page);
    return toConnection("indicators", rows, totalCount, page, (r) => r._pos, Indicator.from);
  }

  @Query(() => Indicator, { nullable: true, description: "One indicator by id. Errors with NOT_FOUND for an unknown id." })
  async indicator(@Arg("id", () => ID, { description: "Indicator id, e.g. `ntm-communes`." }) id: string, @Ctx() { loaders }: Context): Promise<Indicator> {
    const row = await loaders.indicator.load(id);
    if (!row) throw notFound("indicator", id, "List the ids with { indicators(first: 1000) { nodes { id } } }.");
    return Indicator.from(row);
  }

  @FieldResolver(() => Unit, { description: "Unit of the values (count, percent, VND, ...)." })
  async unit(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Unit> {
    return Unit.from((await loaders.unit.load(indicator.unitId))!);
  }

  @FieldResolver(() => Topic, { description: "Topic the indicator belongs to." })
  async topic(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Topic> {
    return Topic.from((await loaders.topic.load(indicator.topicId))!);
  }

  @FieldResolver(() => Indicator, { nullable: true, description: "For a computed share: the indicator counted (the numerator). Null otherwise." })
  async numerator(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Indicator | null> {
    const row = indicator.numeratorId ? await loaders.indicator.load(indicator.numeratorId) : null;
    return row ? Indicator.from(row) : null;
  }

  @FieldResolver(() => Indicator, { nullable: true, description: "For a computed share: the indicator divided by (the denominator). Null otherwise." })
  async denominator(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Indicator | null> {
    const row = indicator.denominatorId ? await loaders.indicator.load(indicator.denominatorId) : null;
    return row ? Indicator.from(row) : null;
  }

  @FieldResolver(() => [Observation], {
    description:
      "The indicator's values in time order (oldest first), optionally for one area and a date range. Several sources may give values for the same period: each is listed. " +
      "With `asOf`, the values as known on that date (a vintage).",
  })
  async observations(@Root() indicator: Indicator, @Args(() => SeriesArgs) args: SeriesArgs, @Ctx() context: Context): Promise<Observation[]> {
    const rows = await context.loaders.series.load({
      indicatorId: indicator.id, areaCode: args.areaCode, from: args.from, to: args.to, includeBreakdowns: args.includeBreakdowns,
    });
    return (args.asOf ? await seriesAsOf(rows, args.asOf, context) : rows).map(Observation.from);
  }

  @FieldResolver(() => Observation, {
    nullable: true,
    description:
      "The headline value for an area (by default the province, 19; totals only): the latest period end; among values of that period, the most reliable source " +
      "(official, primary, secondary, weak, as sources.yaml rates them), then reported before computed before estimates, then the shorter period. `headline` says " +
      "whether other sources disagree for that period. With `asOf`, the same rule over the values known on that date. Null when there is no value.",
  })
  async latest(
    @Root() indicator: Indicator,
    @Arg("areaCode", () => ID, { defaultValue: "19", description: "GSO code of the area." }) areaCode: string,
    @Arg("asOf", () => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<Observation | null> {
    if (asOf) {
      const picked = await headlineAsOf(indicator.id, areaCode, asOf, context);
      return picked ? Observation.from(picked.row) : null;
    }
    const headline = await context.loaders.headline.load({ indicatorId: indicator.id, areaCode });
    const row = headline ? await context.loaders.observationByRowId.load(headline.observation_id) : null;
    return row ? Observation.from(row) : null;
  }

  @FieldResolver(() => [Target], { description: "Targets set for this indicator, by period end." })
  async targets(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Target[]> {
    return (await loaders.targetsByIndicator.load(indicator.id)).map(Target.from);
  }

  @FieldResolver(() => [Source], { description: "Every source of the indicator's values and targets." })
  async sources(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Source[]> {
    const ids = await loaders.sourceIdsByIndicator.load(indicator.id);
    return (await loaders.source.loadMany(ids)).filter((r) => r && !(r instanceof Error)).map((r) => Source.from(r as never));
  }

  @FieldResolver(() => [Milestone], { description: "Dated qualitative facts related to the indicator." })
  async milestones(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Milestone[]> {
    return (await loaders.milestonesByIndicator.load(indicator.id)).map(Milestone.from);
  }
}
