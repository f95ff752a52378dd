/**
 * Boundaries for maps: a unit's shape, and every shape of a province's units on a date with
 * the attribution to print under a map (the shapes come from the ingest, data/ingest/shapes.ts).
 */
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { AreaShapeRow } from "../../db/database.js";
import { shapesValidOn } from "../../db/area-value-queries.js";
import { Area } from "../area/area.type.js";
import { DateScalar } from "../common/scalars.js";
import type { Context } from "../context.js";
import { Source } from "../source/source.type.js";
import { AreaShape, AreaShapeCollection } from "./shape.type.js";

const toShape = (row: AreaShapeRow) =>
  Object.assign(new AreaShape(), { geometry: JSON.parse(row.geometry), centre: row.centre ? JSON.parse(row.centre) : null, areaCode: row.area_code, areaId: row.area_id, sourceId: row.source_id });

@Resolver(() => AreaShapeCollection)
export class AreaShapeCollectionResolver {
  @Query(() => AreaShapeCollection, {
    nullable: true,
    description:
      "The shapes of the units directly under a province on a date, for a map: today the 92 commune-level units of Thái Nguyên from 2025-07-01 (no open shapes " +
      "exist for the units before). Null when none is known for that date. Also a download: /downloads/thai-nguyen-communes-2025-07-01.geojson.",
  })
  async areaShapes(
    @Arg("asOf", () => DateScalar, { defaultValue: "2025-07-01", description: "Date the units are valid on (YYYY-MM-DD)." }) asOf: string,
    @Arg("withinCode", () => ID, { defaultValue: "19", description: "GSO code of the province." }) withinCode: string,
    @Ctx() { db, loaders }: Context,
  ): Promise<AreaShapeCollection | null> {
    const rows = await shapesValidOn(db, asOf, withinCode);
    if (rows.length === 0) return null;
    const source = (await loaders.source.load(rows[0].source_id))!;
    return Object.assign(new AreaShapeCollection(), {
      asOf, count: rows.length, shapes: rows.map(toShape), sourceId: source.id,
      attributionVi: `Hình ranh giới: ${source.title}; ${source.publisher}. Giấy phép: ${source.licence_vi}. Hình đơn giản hoá để hiển thị, không phải địa giới pháp lý.`,
      attributionEn: `Shapes: ${source.title_en ?? source.title}; ${source.publisher_en}. Licence: ${source.licence}. Simplified for display, not legal boundaries.`,
    });
  }

  @FieldResolver(() => Source, { description: "The source record of the shapes (publisher, licence, address)." })
  async source(@Root() collection: AreaShapeCollection, @Ctx() { loaders }: Context): Promise<Source> {
    return Source.from((await loaders.source.load(collection.sourceId))!);
  }
}

@Resolver(() => AreaShape)
export class AreaShapeResolver {
  @FieldResolver(() => Area, { description: "The unit." })
  async area(@Root() shape: AreaShape, @Ctx() { loaders }: Context): Promise<Area> {
    return Area.from((await loaders.areaById.load(shape.areaId))!);
  }
}

@Resolver(() => Area)
export class AreaShapeFieldResolver {
  @FieldResolver(() => AreaShape, { nullable: true, description: "This version's boundary as a simplified display shape, where one is known (the 92 communes of 2025-07-01); null otherwise." })
  async shape(@Root() area: Area, @Ctx() { loaders }: Context): Promise<AreaShape | null> {
    const row = await loaders.shape.load(area.id);
    return row ? toShape(row) : null;
  }
}
