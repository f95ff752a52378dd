import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from "type-graphql";
import { findAreas } from "../../db/queries.js";
import { searchTokens } from "../../lib/text.js";
import { notFound } from "../common/errors.js";
import { Connection, toConnection, toPage } from "../common/page.js";
import { DateScalar } from "../common/scalars.js";
import { pickVersion, type Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Source } from "../source/source.type.js";
import { AreasArgs } from "./area.args.js";
import { Area } from "./area.type.js";

@ObjectType({ description: "A page of areas." })
export class AreaConnection extends Connection(Area, "Area", "area") {}

@Resolver(() => Area)
export class AreaResolver {
  @Query(() => AreaConnection, { description: "Administrative units, filtered by level, parent, validity date and name." })
  async areas(@Args(() => AreasArgs) args: AreasArgs, @Ctx() { db }: Context): Promise<AreaConnection> {
    const page = toPage(args);
    const { rows, totalCount } = await findAreas(db, { ...args, tokens: searchTokens(args.search ?? "") }, page);
    return toConnection(rows, totalCount, page, (r) => r._pos, Area.from);
  }

  @Query(() => Area, { nullable: true, description: "The unit that carried a GSO code on a date; without `asOf`, the most recent unit that carried it. Errors with NOT_FOUND for an unknown code." })
  async area(
    @Arg("code", () => ID, { description: "GSO code, e.g. 19 (Thái Nguyên), 173 (Phú Bình)." }) code: string,
    @Arg("asOf", () => DateScalar, { nullable: true, description: "Date (YYYY-MM-DD) at which to look the code up." }) asOf: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<Area | null> {
    const versions = await loaders.areaVersions.load(code);
    if (versions.length === 0) throw notFound("area", code, "Codes are GSO codes: 19 is Thái Nguyên province; list them with { areas { nodes { code fullName } } }.");
    if (asOf) {
      const valid = versions.find((v) => v.valid_from <= asOf && (v.valid_to === null || v.valid_to >= asOf));
      return valid ? Area.from(valid) : null;
    }
    return Area.from(pickVersion(versions, null)!);
  }

  @FieldResolver(() => Area, { nullable: true, description: "The parent unit as it was when this version began; null for a province." })
  async parent(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Area | null> {
    if (!area.parentCode) return null;
    const row = await loaders.areaAt.load({ code: area.parentCode, date: area.validFrom });
    return row ? Area.from(row) : null;
  }

  @FieldResolver(() => [Area], { description: "Units directly under this one. With `asOf`, those valid on that date; without it, those valid on this version's last day (today for a current unit)." })
  async children(
    @Root() area: Area,
    @Arg("asOf", () => DateScalar, { nullable: true, description: "Date (YYYY-MM-DD)." }) asOf: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<Area[]> {
    const date = asOf ?? area.validTo ?? new Date().toISOString().slice(0, 10);
    const rows = await loaders.childrenByParentCode.load(area.code);
    return rows.filter((r) => r.valid_from <= date && (r.valid_to === null || r.valid_to >= date)).map(Area.from);
  }

  @FieldResolver(() => [Area], { description: "Units this one was formed from (mergers, splits, a change of type), with the links' dates in `validFrom`." })
  async predecessors(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Area[]> {
    const links = await loaders.predecessors.load(area.id);
    const rows = await loaders.areaById.loadMany(links.map((l) => l.predecessor_id));
    return rows.filter((r) => r && !(r instanceof Error)).map((r) => Area.from(r as never));
  }

  @FieldResolver(() => [Area], { description: "Units this one became (wholly or in part)." })
  async successors(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Area[]> {
    const links = await loaders.successors.load(area.id);
    const rows = await loaders.areaById.loadMany(links.map((l) => l.successor_id));
    return rows.filter((r) => r && !(r instanceof Error)).map((r) => Area.from(r as never));
  }

  @FieldResolver(() => [Indicator], { description: "Indicators with at least one value for this GSO code." })
  async indicators(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    const ids = await loaders.indicatorIdsByAreaCode.load(area.code);
    const rows = await loaders.indicator.loadMany(ids);
    return rows.filter((r) => r && !(r instanceof Error)).map((r) => Indicator.from(r as never)).sort((a, b) => a.id.localeCompare(b.id));
  }

  @FieldResolver(() => Source, { description: "The unit list this version comes from." })
  async source(@Root() area: Area, @Ctx() { loaders }: Context): Promise<Source> {
    return Source.from((await loaders.source.load(area.sourceId))!);
  }
}
