/**
 * The version history of the data (issue 11, item 4): every published version with its counts of
 * added, changed and removed values, and the values themselves, diffed by the build
 * (data/ingest/releases.ts). The site's "What's new" page and the Atom feed read it.
 */
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { findDataChanges, findDataVersion, findDataVersions } from "../../db/version-queries.js";
import { notFound } from "../common/errors.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Source } from "../source/source.type.js";
import { DataChange, DataChangeKind, DataVersion } from "./data-version.type.js";

@Resolver(() => DataVersion)
export class DataVersionResolver {
  @Query(() => [DataVersion], {
    description: "Every data version the portal has published (data/releases) and the one it serves, newest first, each compared with the one before it.",
  })
  async dataVersions(@Ctx() { db }: Context): Promise<DataVersion[]> {
    return (await findDataVersions(db)).map(DataVersion.from);
  }

  @Query(() => DataVersion, { nullable: true, description: "One data version by name. Errors with NOT_FOUND for a version the portal does not know." })
  async dataVersion(@Arg("version", () => ID, { description: "A data version, e.g. 2026-11-30.13c16d75 (see `dataVersions`)." }) version: string, @Ctx() { db }: Context): Promise<DataVersion> {
    const row = await findDataVersion(db, version);
    if (!row) throw notFound("data version", version, "List them with { dataVersions { version } }.", "version");
    return DataVersion.from(row);
  }

  @FieldResolver(() => [DataChange], { description: "The values added, changed and removed since the previous version, by indicator, area and period (none for the first version)." })
  async changes(
    @Root() version: DataVersion,
    @Arg("kind", () => DataChangeKind, { nullable: true, description: "Only changes of this kind." }) kind: DataChangeKind | null,
    @Ctx() { db }: Context,
  ): Promise<DataChange[]> {
    return (await findDataChanges(db, version.version, kind ?? null)).map(DataChange.from);
  }
}

@Resolver(() => DataChange)
export class DataChangeResolver {
  @FieldResolver(() => Indicator, { nullable: true, description: "The indicator; null when this version no longer has it (a removed indicator)." })
  async indicator(@Root() change: DataChange, @Ctx() { loaders }: Context): Promise<Indicator | null> {
    const row = await loaders.indicator.load(change.indicatorId);
    return row ? Indicator.from(row) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: "The source; null when this version no longer has it." })
  async source(@Root() change: DataChange, @Ctx() { loaders }: Context): Promise<Source | null> {
    const row = await loaders.source.load(change.sourceId);
    return row ? Source.from(row) : null;
  }
}
