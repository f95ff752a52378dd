import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { AreaRow, AreaValueRow, IndicatorCoverageRow, SourceRow } from "../../db/database.js";
import { AreaLevel, PeriodBasis } from "../common/enums.js";
import { Period } from "../common/period.type.js";
import { DateScalar } from "../common/scalars.js";

export enum AreaValueStatus {
  REPORTED = "REPORTED",
  ESTIMATE = "ESTIMATE",
  APPROXIMATE = "APPROXIMATE",
  COMPUTED = "COMPUTED",
  COMPUTED_FROM_ESTIMATE = "COMPUTED_FROM_ESTIMATE",
  NOT_COMPARABLE = "NOT_COMPARABLE",
  MISSING = "MISSING",
}
registerEnumType(AreaValueStatus, {
  name: "AreaValueStatus",
  description: "How firm an area's value is, or why it has none.",
  valuesConfig: {
    REPORTED: { description: "Reported by the source as a fact." },
    ESTIMATE: { description: "An estimate: the source says “ước” (estimated)." },
    APPROXIMATE: { description: "Approximate: the source says “gần” (nearly) or “khoảng” (about)." },
    COMPUTED: { description: "Computed by the portal (a share, a total of the units below, a density, or a value harmonised to later units)." },
    COMPUTED_FROM_ESTIMATE: { description: "Computed by the portal from values of which at least one is an estimate or approximate." },
    NOT_COMPARABLE: { description: "A harmonised value the portal refuses to compute: a unit it would come from went only partly into this one, or its lineage is unknown (`harmonisation.note` says which)." },
    MISSING: { description: "No source gives a value for this area and period: the unit is listed so that a map or table can show the gap." },
  },
});

@ObjectType({ description: "A value's place among other areas' values of the same indicator and period: largest value first (rank 1), ties share a rank (1, 2, 2, 4)." })
export class Rank {
  @Field(() => Int, { description: "1 for the largest value." })
  position!: number;
  @Field(() => Int, { description: "How many areas were ranked: those of the group with a value for the period." })
  of!: number;
  @Field(() => AreaLevel, { description: "The level of the areas ranked." })
  level!: AreaLevel;
  @Field(() => ID, { description: "GSO code of the unit the ranked areas are in: the province, or the parent (a district for a commune before 2025-07-01)." })
  withinCode!: string;
}

@ObjectType({
  description:
    "One area's value of an indicator for one period, as a map, a ranking or an area page shows it: when several sources give a value, the most reliable source's " +
    "(official, primary, secondary, weak, as sources.yaml rates them; then reported before computed before estimates). Computed by the ingest for every period " +
    "(data/ingest/derived.ts); areas of the level without a value are listed with status MISSING.",
})
export class AreaValue {
  @Field(() => Period, { description: "The period of the value." })
  period!: Period;
  @Field(() => Float, { nullable: true, description: "The value in the indicator's base unit; null when MISSING or NOT_COMPARABLE." })
  value!: number | null;
  @Field(() => AreaValueStatus, { description: "How firm the value is, or why there is none." })
  status!: AreaValueStatus;
  @Field(() => Int, { description: "Observations (one per source) with a value for this area and period." })
  sourceCount!: number;
  @Field(() => Int, { description: "Distinct values among them: 2 or more means the sources disagree (each stays in `Indicator.observations`)." })
  distinctValues!: number;
  @Field(() => Rank, { nullable: true, description: "Rank among the areas of the same level in the province, for the same period. Null without a value." })
  rank!: Rank | null;
  @Field(() => Rank, { nullable: true, description: "Rank among the areas with the same parent (the communes of one district), for the same period. Null without a value or a parent." })
  rankInParent!: Rank | null;
  @Field(() => Float, { nullable: true, description: "The parent unit's value for the same period (the most reliable source's), for additive indicators; null otherwise." })
  parentValue!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Computed by the ingest: value ÷ the parent's value × 100, a percent, for additive counts (population, area); null otherwise or without the parent's value.",
  })
  shareOfParent!: number | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: "For a value carried to the units of a later date (a harmonised series): that date, e.g. 2025-07-01. Null for a value of the unit as it was.",
  })
  harmonisedTo!: string | null;
  @Field(() => ID, { description: "GSO code of the area." })
  areaCode!: string;

  indicatorId!: string;
  areaId!: string;
  observationRowId!: number | null;
  harmonisedKey!: string | null;
  sourceId!: string | null;
  /** Area and source rows loaded for a whole map at once (IndicatorRankingResolver.areaValues). */
  pageArea?: AreaRow;
  pageSource?: SourceRow | null;

  static from(row: AreaValueRow): AreaValue {
    const rank = (position: number | null, of: number | null, withinCode: string | null) =>
      position === null || of === null || withinCode === null ? null : Object.assign(new Rank(), { position, of, level: row.level as AreaLevel, withinCode });
    return Object.assign(new AreaValue(), {
      period: { start: row.period_start, end: row.period_end, label: row.period_label, basis: row.period_basis as PeriodBasis },
      value: row.value, status: row.status as AreaValueStatus, sourceCount: row.source_count, distinctValues: row.distinct_values,
      rank: rank(row.rank, row.rank_of, row.province_code), rankInParent: rank(row.parent_rank, row.parent_rank_of, row.parent_code),
      parentValue: row.parent_value, shareOfParent: row.share_of_parent, harmonisedTo: row.harmonised_to, areaCode: row.area_code,
      indicatorId: row.indicator_id, areaId: row.area_id, observationRowId: row.observation_id, harmonisedKey: row.harmonised_key, sourceId: row.source_id,
    });
  }
}

@ObjectType({ description: "Every area of one level for one period of an indicator: what a map or a ranked table shows, in rank order (areas without a value last, by code)." })
export class AreaValueSet {
  @Field(() => AreaLevel, { description: "The level of the areas." })
  level!: AreaLevel;
  @Field(() => ID, { description: "GSO code of the province the areas are in." })
  withinCode!: string;
  @Field(() => Period, { description: "The period of the values." })
  period!: Period;
  @Field(() => DateScalar, { nullable: true, description: "For a harmonised series: the date of the units the values are carried to; null for the units as they were." })
  harmonisedTo!: string | null;
  @Field(() => Int, { description: "Areas with a value." })
  withValue!: number;
  @Field(() => Int, { description: "Areas of the level valid on the period's end (on `harmonisedTo` for a harmonised series), with a value or without." })
  areaCount!: number;
  @Field(() => [AreaValue], { description: "One per area: ranked values first, then the areas without one (MISSING, NOT_COMPARABLE)." })
  values!: AreaValue[];
}

@ObjectType({ description: "A level and period an indicator has values for, with how many areas: what a map can show." })
export class Coverage {
  @Field(() => AreaLevel, { description: "Level of the areas." })
  level!: AreaLevel;
  @Field(() => ID, { description: "GSO code of the province." })
  withinCode!: string;
  @Field(() => Period, { description: "The period." })
  period!: Period;
  @Field(() => DateScalar, { nullable: true, description: "For a harmonised series: the date of the units the values are carried to." })
  harmonisedTo!: string | null;
  @Field(() => Int, { description: "Areas with a value." })
  areasWithValue!: number;
  @Field(() => Int, { description: "Areas of the level in the province on the period's end (on `harmonisedTo` for a harmonised series)." })
  areaCount!: number;

  static from(row: IndicatorCoverageRow): Coverage {
    return Object.assign(new Coverage(), {
      level: row.level as AreaLevel, withinCode: row.province_code, harmonisedTo: row.harmonised_to,
      period: { start: row.period_start, end: row.period_end, label: row.period_label, basis: row.period_basis as PeriodBasis },
      areasWithValue: row.areas_with_value, areaCount: row.areas_of_level,
    });
  }
}

@ObjectType({ description: "An indicator's headline value for an area, and how it was chosen." })
export class Headline {
  @Field(() => String, {
    description:
      "The rule, in words: the latest period end; among values of that period, the most reliable source (official, primary, secondary, weak), then reported before " +
      "computed before estimates, then the shorter period.",
  })
  rule!: string;
  @Field(() => String, { description: "The same rule in Vietnamese, as the Vietnamese pages state it." })
  ruleVi!: string;
  @Field(() => DateScalar, { nullable: true, description: "The date the headline was chosen as known on (`asOf`); null for every value the portal holds." })
  asOf!: string | null;
  @Field(() => Int, { description: "Observations (sources) with a value for the headline's period end." })
  sourcesForPeriod!: number;
  @Field(() => Int, { description: "Distinct values among them: 2 or more means sources disagree for that period (say so beside the number: “2 nguồn khác nhau”)." })
  distinctValues!: number;

  observationRowId!: number;
}


@ObjectType({ description: "Something the ingest found wrong with a value against the portal's own data: shown beside the value on the site." })
export class ConsistencyFlag {
  @Field(() => String, { description: "UNIT_COUNT: a count of administrative units (or a share computed over one) differs from the portal's unit lists on the period's end (e.g. 137 xã in 2023, when the lists give 126)." })
  kind!: string;
  @Field(() => Float, { description: "What the portal's unit lists give." })
  expected!: number;
  @Field(() => DateScalar, { description: "The date the unit lists were read on: the period's end." })
  onDate!: string;
  @Field(() => String, { description: "The finding in English." })
  noteEn!: string;
  @Field(() => String, { description: "The finding in Vietnamese." })
  noteVi!: string;
}
