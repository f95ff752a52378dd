import { Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";

@ObjectType({ description: "Counts of what the portal holds." })
class Counts {
  @Field(() => Int, { description: "Indicators." }) indicators!: number;
  @Field(() => Int, { description: "Observations (values), including shares computed by the portal." }) observations!: number;
  @Field(() => Int, { description: "Targets." }) targets!: number;
  @Field(() => Int, { description: "Sources." }) sources!: number;
  @Field(() => Int, { description: "Area versions (administrative units with their validity)." }) areas!: number;
  @Field(() => Int, { description: "Topics." }) topics!: number;
}

@ObjectType({ description: "The portal and the version of its data." })
export class About {
  @Field(() => String, { description: "Data version: build date and the first 8 hex digits of the SHA-256 of the data files, e.g. 2026-11-30.a0fe861a. Name it when you cite a value." })
  dataVersion!: string;
  @Field(() => String, { description: "Full SHA-256 of the data files the database was built from." })
  dataHash!: string;
  @Field(() => String, { description: "Date the database was built (YYYY-MM-DD)." })
  builtAt!: string;
  @Field(() => Counts, { description: "What the portal holds." })
  counts!: Counts;
  @Field(() => String, { description: "Licence of the portal's own compilation, in English (the same as `licenceEn`); each source keeps its own licence (see Source.licenceEn)." })
  licence!: string;
  @Field(() => String, { description: "Licence of the portal's own compilation, in Vietnamese; each source keeps its own licence (see Source.licenceVi)." })
  licenceVi!: string;
  @Field(() => String, { description: "Licence of the portal's own compilation, in English." })
  licenceEn!: string;
}

@Resolver()
export class AboutResolver {
  @Query(() => About, { description: "The data version and counts of the portal." })
  about(@Ctx() { meta }: Context): About {
    const licenceEn = "Compilation: CC BY 4.0; code: MIT. Sources keep their own licences.";
    const licenceVi = "Bộ dữ liệu tổng hợp: CC BY 4.0; mã nguồn: MIT. Mỗi nguồn giữ giấy phép riêng.";
    return { ...meta, counts: meta.counts as unknown as Counts, licence: licenceEn, licenceVi, licenceEn };
  }
}
