import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../common/scalars.js";

@ObjectType({ description: "A unit's boundary as a simplified display shape (not a legal boundary), in longitude/latitude." })
export class AreaShape {
  @Field(() => GraphQLJSONObject, {
    description:
      "GeoJSON geometry (Polygon or MultiPolygon, WGS 84 longitude/latitude, about 50 m precision). Rings are wound clockwise for d3-geo's spherical geometry, " +
      "the reverse of RFC 7946's advice; rewind them for tools that need RFC 7946 order.",
  })
  geometry!: Record<string, unknown>;
  @Field(() => [Float], { nullable: true, description: "A centre point [longitude, latitude] as the source gives it, for labels." })
  centre!: number[] | null;
  @Field(() => ID, { description: "GSO code of the unit." })
  areaCode!: string;

  areaId!: string;
  sourceId!: string;
}

@ObjectType({ description: "The shapes of the units of a province on a date, with where they come from: what a map of its communes needs." })
export class AreaShapeCollection {
  @Field(() => DateScalar, { description: "The date the units are valid on." })
  asOf!: string;
  @Field(() => Int, { description: "Number of shapes." })
  count!: number;
  @Field(() => [AreaShape], { description: "One per unit, by code." })
  shapes!: AreaShape[];
  @Field(() => String, { description: "What to write under a map, in Vietnamese: the boundaries' and figures' sources, the licence, and that the shapes are simplified." })
  attributionVi!: string;
  @Field(() => String, { description: "The same in English." })
  attributionEn!: string;

  sourceId!: string;
}
