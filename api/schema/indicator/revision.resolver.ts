/**
 * Revisions and publication dates: the same indicator, area and period reported at two or more
 * known dates (Indicator.revisions, from the ingest's observation_revisions), and the day each
 * value was surely public (Observation.knownFrom).
 */
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { ObservationRevisionRow } from "../../db/database.js";
import { knownFrom } from "../../lib/vintage.js";
import { Period } from "../common/period.type.js";
import { DateScalar } from "../common/scalars.js";
import type { Context } from "../context.js";
import { Observation } from "../observation/observation.type.js";
import { Indicator } from "./indicator.type.js";

@ObjectType({
  description:
    "One indicator, area and period (and breakdown) as reported over time: every report of it, in the order its source was published (reports whose source " +
    "date is not recorded last). Listed when at least two reports have known, different publication dates.",
})
export class Revision {
  @Field(() => ID, { description: "GSO code of the area." })
  areaCode!: string;
  @Field(() => Period, { description: "The period reported (that of the first report)." })
  period!: Period;
  @Field(() => Boolean, { description: "True when the reports give different values (a revision); false when a later report repeats the earlier value." })
  valueChanged!: boolean;
  @Field(() => [Observation], { description: "The reports, first published first; each with its source and `knownFrom`." })
  reports!: Observation[];
}

@Resolver(() => Indicator)
export class IndicatorRevisionResolver {
  @FieldResolver(() => [Revision], {
    description:
      "The indicator's values reported more than once over time for the same area and period (e.g. an estimate in December, the outturn later), by area and " +
      "period end: what changed between publications. Empty when no period was reported at two known dates.",
  })
  async revisions(
    @Root() indicator: Indicator,
    @Arg("areaCode", () => ID, { nullable: true, description: "Only this area (GSO code); default every area." }) areaCode: string | null | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<Revision[]> {
    const rows = (await loaders.revisionsByIndicator.load(indicator.id)).filter((r) => areaCode == null || r.area_code === areaCode);
    const groups = new Map<string, ObservationRevisionRow[]>();
    for (const row of rows) groups.set(row.revision_key, [...(groups.get(row.revision_key) ?? []), row]);
    const observations = await loaders.observationByRowId.loadMany(rows.map((r) => r.observation_id));
    const byRowId = new Map(observations.filter((o) => o && !(o instanceof Error)).map((o) => [(o as { id: number }).id, Observation.from(o as never)]));
    return [...groups.values()].map((group) => {
      const reports = group.map((r) => byRowId.get(r.observation_id)!).filter(Boolean);
      return Object.assign(new Revision(), {
        areaCode: group[0].area_code, period: reports[0].period, reports, valueChanged: new Set(reports.map((o) => o.value)).size > 1,
      });
    });
  }
}

@Resolver(() => Observation)
export class ObservationVintageResolver {
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      "The day by which this value was surely public: its source's publication date, or the last day of it when only the year or month is recorded " +
      "(2023 → 2023-12-31, 2024-12 → 2024-12-31). Null when the source's date is not recorded. `asOf` arguments compare with this date.",
  })
  async knownFrom(@Root() o: Observation, @Ctx() { loaders }: Context): Promise<string | null> {
    const source = o.pageSource ?? (await loaders.source.load(o.sourceId));
    return knownFrom(source?.published);
  }
}
