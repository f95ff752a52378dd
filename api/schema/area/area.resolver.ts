import { Arg, Args, Ctx, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { AreaLinkRow, AreaRow } from "../../db/database.js";
import { findAreas } from "../../db/queries.js";
import { badUserInput, noSearchWords, notFound } from "../common/errors.js";
import { Connection, toConnection, toPage } from "../common/page.js";
import { DateScalar } from "../common/scalars.js";
import { pickVersion, type Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Observation } from "../observation/observation.type.js";
import { Source } from "../source/source.type.js";
import { AreaChange } from "./area-change.type.js";
import { parseAreaSearch } from "./area-search.js";
import { checkSearchLength, checkSearchWords } from "../search/search-limits.js";
import { AreasArgs } from "./area.args.js";
import { Area } from "./area.type.js";

@ObjectType({ description: "A page of areas." })
export class AreaConnection extends Connection(Area, "Area", "area") {}

const OBSERVATIONS_DEFAULT = 100;
const OBSERVATIONS_MAX = 1000;

const validOn = (row: { valid_from: string; valid_to: string | null }, date: string) => row.valid_from <= date && (row.valid_to === null || row.valid_to >= date);

@Resolver(() => Area)
export class AreaResolver {
  @Query(() => AreaConnection, {
    description:
      "Administrative units of Thái Nguyên (and of Bắc Kạn before the 2025 merger), one item per version of a unit, filtered by level, type, parent, " +
      "ancestor, validity date and name. From 2020-01-01; sources: the GSO unit lists of 2022-10-01, 2025-03-01 and 2025-07-01 and the known changes between them.",
  })
  async areas(@Args(() => AreasArgs) args: AreasArgs, @Ctx() { db }: Context): Promise<AreaConnection> {
    const page = toPage(args, "areas");
    if (args.search != null) checkSearchLength(args.search, "search");
    const search = args.search == null ? null : parseAreaSearch(args.search);
    if (args.search != null && !search) throw noSearchWords();
    if (search) checkSearchWords(search.tokens, "search");
    const { rows, totalCount } = await findAreas(db, { ...args, search }, page);
    return toConnection("areas", rows, totalCount, page, (r) => r._pos, Area.from);
  }

  @Query(() => Area, {
    nullable: true,
    description:
      "The unit that carried a GSO code on a date; without `asOf`, the most recent unit that carried it. Null when no unit carried the code on that date " +
      "(e.g. before 2020-01-01, where the geography starts, or after the unit ended). Errors with NOT_FOUND for a code no unit ever carried.",
  })
  async area(
    @Arg("code", () => ID, { description: "GSO code, e.g. 19 (Thái Nguyên), 173 (Phú Bình), 05869 (Hồng Tiến). Leading zeros matter." }) code: string,
    @Arg("asOf", () => DateScalar, { nullable: true, description: "Date (YYYY-MM-DD) at which to look the code up." }) asOf: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<Area | null> {
    const versions = await loaders.areaVersions.load(code);
    if (versions.length === 0) throw notFound("area", code, "Codes are GSO codes: 19 is Thái Nguyên province; list them with { areas { nodes { code fullName } } }.", "code");
    if (asOf) {
      const valid = versions.find((v) => validOn(v, asOf));
      return valid ? Area.from(valid) : null;
    }
    return Area.from(pickVersion(versions, null)!);
  }

  @FieldResolver(() => Area, { nullable: true, description: "The parent unit (a district, or the province); null for a province." })
  async parent(
    @Root() area: Area,
    @Arg("asOf", () => DateScalar, {
      nullable: true,
      description: "Date at which to take the parent's version (a parent may change type, e.g. Phổ Yên: thị xã → thành phố on 2022-04-10). Default: this version's last day (the most recent parent for a current unit).",
    })
    asOf: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<Area | null> {
    if (!area.parentCode) return null;
    const row = await loaders.areaAt.load({ code: area.parentCode, date: asOf ?? area.validTo });
    return row ? Area.from(row) : null;
  }

  @FieldResolver(() => [Area], {
    description:
      "Units directly under the unit carrying this code, valid on a date: with `asOf`, that date; without it, this version's last day (today for a current unit). " +
      "Communes are under their district until 2025-06-30 and under the province from 2025-07-01.",
  })
  async children(
    @Root() area: Area,
    @Arg("asOf", () => DateScalar, { nullable: true, description: "Date (YYYY-MM-DD)." }) asOf: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<Area[]> {
    const date = asOf ?? area.validTo ?? new Date().toISOString().slice(0, 10);
    const rows = await loaders.childrenByParentCode.load(area.code);
    return rows.filter((r) => validOn(r, date)).map(Area.from);
  }

  @FieldResolver(() => [AreaChange], {
    description: "How this version came about: the versions it was formed from, with date, kind (type change, merger, split...), whether only part of each went into it, source and note. Empty for a unit known from its first list on.",
  })
  async formedFrom(@Root() area: Area, @Ctx() { loaders }: Context): Promise<AreaChange[]> {
    return changes(await loaders.predecessors.load(area.id), area, "predecessor", loaders);
  }

  @FieldResolver(() => [AreaChange], {
    description: "What this version became when it ended: the versions it went into (wholly or in part), with date, kind, source and note. Empty for a current unit and for a unit whose successor is not recorded.",
  })
  async wentInto(@Root() area: Area, @Ctx() { loaders }: Context): Promise<AreaChange[]> {
    return changes(await loaders.successors.load(area.id), area, "successor", loaders);
  }

  @FieldResolver(() => [Area], { description: "The versions this one was formed from (the `area` of each of `formedFrom`, which also gives dates, kinds and sources)." })
  async predecessors(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Area[]> {
    const links = await loaders.predecessors.load(area.id);
    return areasById(links.map((l) => l.predecessor_id), loaders);
  }

  @FieldResolver(() => [Area], { description: "The versions this one went into, wholly or in part (the `area` of each of `wentInto`)." })
  async successors(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Area[]> {
    const links = await loaders.successors.load(area.id);
    return areasById(links.map((l) => l.successor_id), loaders);
  }

  @FieldResolver(() => [Observation], {
    description:
      "Values recorded for this unit's GSO code while this version was valid (by the end of their period), by indicator and period; the earliest version also gets " +
      "earlier values and the latest later ones, as `Observation.area` does. At most `first` values.",
  })
  async observations(
    @Root() area: Area,
    @Arg("indicatorId", () => ID, { nullable: true, description: "Only values of this indicator." }) indicatorId: string | null,
    @Arg("first", () => Int, { defaultValue: OBSERVATIONS_DEFAULT, description: `How many values at most: 1 to ${OBSERVATIONS_MAX}, default ${OBSERVATIONS_DEFAULT}.` }) first: number,
    @Ctx() { loaders }: Context,
  ): Promise<Observation[]> {
    if (!Number.isInteger(first) || first < 1 || first > OBSERVATIONS_MAX) throw badUserInput(`"first" must be between 1 and ${OBSERVATIONS_MAX} (got ${first}).`, "first");
    const versions = await loaders.areaVersions.load(area.code);
    const isFirst = versions[0]?.id === area.id;
    const isLast = versions.at(-1)?.id === area.id;
    const rows = await loaders.areaObservations.load({
      code: area.code, from: isFirst ? null : area.validFrom, to: isLast ? null : area.validTo, indicatorId, limit: first,
    });
    return rows.map(Observation.from);
  }

  @FieldResolver(() => [Indicator], { description: "Indicators with at least one value for this GSO code (any version)." })
  async indicators(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    const ids = await loaders.indicatorIdsByAreaCode.load(area.code);
    const rows = await loaders.indicator.loadMany(ids);
    return rows.filter((r) => r && !(r instanceof Error)).map((r) => Indicator.from(r as never)).sort((a, b) => a.id.localeCompare(b.id));
  }

  @FieldResolver(() => Source, {
    description: "Where this version's record comes from: the unit list that shows it, or, for a state that no list shows (before 2022-04-10), the resolution that changed it.",
  })
  async source(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Source> {
    return Source.from((await loaders.source.load(area.sourceId))!);
  }
}

type Loaders = Context["loaders"];

async function areasById(ids: string[], loaders: Loaders): Promise<Area[]> {
  const rows = await loaders.areaById.loadMany(ids);
  return rows.filter((r): r is AreaRow => r !== null && !(r instanceof Error)).map(Area.from);
}

/** Links seen from one end, with both versions and the source loaded (batched). */
async function changes(links: AreaLinkRow[], self: Area, other: "predecessor" | "successor", loaders: Loaders): Promise<AreaChange[]> {
  const otherIds = links.map((l) => (other === "predecessor" ? l.predecessor_id : l.successor_id));
  const [others, sources] = await Promise.all([loaders.areaById.loadMany(otherIds), loaders.source.loadMany(links.map((l) => l.source_id))]);
  return links
    .map((link, i) => {
      const row = others[i];
      const source = sources[i];
      if (!row || row instanceof Error || !source || source instanceof Error) return null;
      const otherArea = Area.from(row);
      const ends = other === "predecessor" ? { predecessor: otherArea, successor: self } : { predecessor: self, successor: otherArea };
      return AreaChange.from(link, { ...ends, source: Source.from(source as never) }, other);
    })
    .filter((c): c is AreaChange => c !== null)
    .sort((a, b) => a.area.code.localeCompare(b.area.code) || a.area.validFrom.localeCompare(b.area.validFrom));
}
