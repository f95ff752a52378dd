/**
 * Maps, rankings, coverage and headline values: fields over the tables the ingest derives
 * (data/ingest/derived.ts). Every list is one indexed range read through a per-request
 * loader, so a map of 180 communes costs the same few SQL statements as a map of 9 districts.
 */
import { Arg, Ctx, Field, Float, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import { Area } from "../area/area.type.js";
import { AreaLevel } from "../common/enums.js";
import { mapOnce } from "../common/map-once.js";
import { DateScalar } from "../common/scalars.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Observation } from "../observation/observation.type.js";
import { Source } from "../source/source.type.js";
import { AreaValue, AreaValueSet, ConsistencyFlag, Coverage, Headline } from "./area-value.type.js";
import { HEADLINE_RULE, HEADLINE_RULE_VI } from "../../lib/headline.js";
import { AS_OF_DESCRIPTION, headlineAsOf } from "../indicator/vintage.js";

@ObjectType({ description: "A unit a harmonised value was summed from, with its value for the period." })
export class HarmonisedComponent {
  @Field(() => Float, { nullable: true, description: "The unit's value for the period (null when it has none)." })
  value!: number | null;
  areaId!: string;
}

@ObjectType({
  description:
    "How a value was carried to the units of a later date: the sum of the values of the units it was formed from, through every change of the lineage " +
    "(2019 → 2020 → 2023 → 2024 → 2025 and the 2025 crosswalk), only where each went in whole. Additive counts only (population, area), never shares or ranks.",
})
export class Harmonisation {
  @Field(() => DateScalar, { description: "The date of the units the value is carried to, e.g. 2025-07-01." })
  harmonisedTo!: string;
  @Field(() => String, { description: "The method, or why no value could be computed, in English." })
  noteEn!: string;
  @Field(() => String, { description: "The same in Vietnamese." })
  noteVi!: string;
  key!: string;
}

@Resolver(() => HarmonisedComponent)
export class HarmonisedComponentResolver {
  @FieldResolver(() => Area, { description: "The unit, as it was during the period." })
  async area(@Root() component: HarmonisedComponent, @Ctx() { loaders }: Context): Promise<Area> {
    return Area.from((await loaders.areaById.load(component.areaId))!);
  }
}

@Resolver(() => Harmonisation)
export class HarmonisationResolver {
  @FieldResolver(() => [HarmonisedComponent], { description: "The units summed (for a refused value: those that could be followed), by code." })
  async components(@Root() h: Harmonisation, @Ctx() { loaders }: Context): Promise<HarmonisedComponent[]> {
    return (await loaders.harmonisedComponents.load(h.key)).map((c) => Object.assign(new HarmonisedComponent(), { value: c.value, areaId: c.area_id }));
  }
}

@Resolver(() => AreaValue)
export class AreaValueResolver {
  @FieldResolver(() => Area, { description: "The area: the unit as it was at the period's end (for a harmonised value, the unit of `harmonisedTo`)." })
  area(@Root() v: AreaValue, @Ctx() { loaders }: Context): Area | Promise<Area> {
    if (v.pageArea) return mapOnce(v.pageArea, Area.from);
    return loaders.areaById.load(v.areaId).then((row) => Area.from(row!));
  }

  @FieldResolver(() => Indicator, { description: "The indicator." })
  async indicator(@Root() v: AreaValue, @Ctx() { loaders }: Context): Promise<Indicator> {
    return Indicator.from((await loaders.indicator.load(v.indicatorId))!);
  }

  @FieldResolver(() => Observation, { nullable: true, description: "The observation shown (its source, note, permalink); null for a harmonised or missing value." })
  async observation(@Root() v: AreaValue, @Ctx() { loaders }: Context): Promise<Observation | null> {
    const row = v.observationRowId === null ? null : await loaders.observationByRowId.load(v.observationRowId);
    return row ? Observation.from(row) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the value comes from; null when MISSING." })
  source(@Root() v: AreaValue, @Ctx() { loaders }: Context): Source | null | Promise<Source | null> {
    if (v.pageSource !== undefined) return v.pageSource ? mapOnce(v.pageSource, Source.from) : null;
    if (!v.sourceId) return null;
    return loaders.source.load(v.sourceId).then((row) => (row ? Source.from(row) : null));
  }

  @FieldResolver(() => Harmonisation, { nullable: true, description: "For a harmonised value (or a refused one): the method and the units it comes from. Null otherwise." })
  async harmonisation(@Root() v: AreaValue, @Ctx() { loaders }: Context): Promise<Harmonisation | null> {
    const row = v.harmonisedKey ? await loaders.harmonised.load(v.harmonisedKey) : null;
    return row ? Object.assign(new Harmonisation(), { harmonisedTo: row.vintage, noteEn: row.note, noteVi: row.note_vi, key: row.key }) : null;
  }
}

@Resolver(() => Indicator)
export class IndicatorRankingResolver {
  @FieldResolver(() => AreaValueSet, {
    nullable: true,
    description:
      "Every area of one level in the province for one period, each with its value (the most reliable source's), rank and share of its parent: a map or a ranked table " +
      "in one query (e.g. all 92 communes of 2025, or all 180 of the 2019 census). Without `periodEnd`, the latest period with values at that level. Null when the " +
      "indicator has no value at that level (see `coverage`).",
  })
  async areaValues(
    @Root() indicator: Indicator,
    @Arg("level", () => AreaLevel, { description: "Level of the areas: DISTRICT or COMMUNE (PROVINCE lists the province alone)." }) level: AreaLevel,
    @Arg("withinCode", () => ID, { defaultValue: "19", description: "GSO code of the province." }) withinCode: string,
    @Arg("periodEnd", () => DateScalar, { nullable: true, description: "Last day of the period (YYYY-MM-DD), e.g. 2019-04-01 for the 2019 census; one of `coverage`'s periods." }) periodEnd: string | null,
    @Arg("harmonisedTo", () => DateScalar, {
      nullable: true,
      description: "For a series carried to the units of a later date (e.g. 2025-07-01: the 2019 census on the 92 communes of 2025); without it, the units as they were.",
    })
    harmonisedTo: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<AreaValueSet | null> {
    harmonisedTo ??= null;
    periodEnd ??= null;
    const groups = (await loaders.coverage.load(indicator.id)).filter((c) =>
      c.level === level && c.province_code === withinCode && c.harmonised_to === harmonisedTo && (periodEnd === null || c.period_end === periodEnd));
    if (groups.length === 0) return null;
    // The latest period end; for one end, the group with the most areas, then the shorter period.
    const group = groups.reduce((best, c) =>
      c.period_end > best.period_end || (c.period_end === best.period_end && (c.areas_with_value > best.areas_with_value || (c.areas_with_value === best.areas_with_value && c.period_start > best.period_start)))
        ? c : best);
    const rows = await loaders.areaValueSet.load({
      indicatorId: indicator.id, level, provinceCode: withinCode, harmonisedTo, periodStart: group.period_start, periodEnd: group.period_end,
    });
    const coverage = Coverage.from(group);
    const values = rows.map(AreaValue.from);
    // The map's areas and sources in one batch each, so their fields answer without a promise per value.
    const [areas, sources] = await Promise.all([loaders.areaById.loadMany(values.map((v) => v.areaId)), loaders.source.loadMany(values.map((v) => v.sourceId ?? ""))]);
    values.forEach((v, i) => {
      const area = areas[i];
      const source = sources[i];
      if (area && !(area instanceof Error)) v.pageArea = area;
      if (!(source instanceof Error)) v.pageSource = source ?? null;
    });
    return Object.assign(new AreaValueSet(), {
      level, withinCode, period: coverage.period, harmonisedTo, withValue: group.areas_with_value, areaCount: group.areas_of_level, values,
    });
  }

  @FieldResolver(() => [Coverage], { description: "Which levels and periods the indicator has values for, with how many areas of each: which maps and rankings exist." })
  async coverage(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Coverage[]> {
    return (await loaders.coverage.load(indicator.id)).map(Coverage.from);
  }

  @FieldResolver(() => Headline, {
    nullable: true,
    description:
      "The one headline value for an area and how it was chosen: the rule (in both languages) and whether sources disagree for that period; with `asOf`, among the " +
      "values known on that date. Null without a value.",
  })
  async headline(
    @Root() indicator: Indicator,
    @Arg("areaCode", () => ID, { defaultValue: "19", description: "GSO code of the area." }) areaCode: string,
    @Arg("asOf", () => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<Headline | null> {
    const rule = { rule: HEADLINE_RULE, ruleVi: HEADLINE_RULE_VI, asOf: asOf ?? null };
    if (asOf) {
      const picked = await headlineAsOf(indicator.id, areaCode, asOf, context);
      return picked
        ? Object.assign(new Headline(), { ...rule, sourcesForPeriod: picked.sourcesForPeriod, distinctValues: picked.distinctValues, observationRowId: picked.row.id })
        : null;
    }
    const row = await context.loaders.headline.load({ indicatorId: indicator.id, areaCode });
    return row
      ? Object.assign(new Headline(), { ...rule, sourcesForPeriod: row.sources_for_period, distinctValues: row.distinct_values_for_period, observationRowId: row.observation_id })
      : null;
  }
}

@Resolver(() => Headline)
export class HeadlineResolver {
  @FieldResolver(() => Observation, { description: "The headline value." })
  async observation(@Root() h: Headline, @Ctx() { loaders }: Context): Promise<Observation> {
    return Observation.from((await loaders.observationByRowId.load(h.observationRowId))!);
  }
}

@Resolver(() => Area)
export class AreaRankingResolver {
  @FieldResolver(() => [AreaValue], {
    description:
      "This version's values, each with its rank among the areas of its level and among its siblings and its share of the parent: by default the latest period of each " +
      "indicator (an area page), or every period (`latestOnly: false`); harmonised values (carried to later units) are listed too, with `harmonisedTo`.",
  })
  async values(
    @Root() area: Area,
    @Arg("indicatorId", () => ID, { nullable: true, description: "Only this indicator's values." }) indicatorId: string | null | undefined,
    @Arg("latestOnly", () => Boolean, { defaultValue: true, description: "Only the latest period of each indicator (per harmonisation)." }) latestOnly: boolean,
    @Ctx() { loaders }: Context,
  ): Promise<AreaValue[]> {
    const rows = await loaders.areaValues.load({ areaId: area.id, latestOnly });
    return rows.filter((r) => indicatorId == null || r.indicator_id === indicatorId).map(AreaValue.from);
  }
}

@Resolver(() => Observation)
export class ObservationFlagResolver {
  @FieldResolver(() => [ConsistencyFlag], { description: "What the ingest found wrong with this value against the portal's own data (empty when nothing): say it beside the value." })
  async flags(@Root() o: Observation, @Ctx() { loaders }: Context): Promise<ConsistencyFlag[]> {
    return (await loaders.flags.load(o.rowId)).map((f) => Object.assign(new ConsistencyFlag(), { kind: f.kind, expected: f.expected, onDate: f.on_date, noteEn: f.note, noteVi: f.note_vi }));
  }
}
