/**
 * The GraphQL schema, assembled from the domain resolvers. `schema.graphql` at the project
 * root is emitted from here (`npm run schema:emit`) and a test keeps it up to date.
 */
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AboutResolver } from "./about/about.resolver.js";
import { AreaResolver } from "./area/area.resolver.js";
import { IndicatorCitationResolver, ObservationCitationResolver } from "./citation/citation.resolver.js";
import { IndicatorResolver } from "./indicator/indicator.resolver.js";
import { ObservationResolver } from "./observation/observation.resolver.js";
import { SearchResolver } from "./search/search.resolver.js";
import { MilestoneResolver, TargetResolver } from "./observation/target.resolver.js";
import { SourceResolver } from "./source/source.resolver.js";
import { TopicResolver } from "./topic/topic.resolver.js";
import { AreaRankingResolver, AreaValueResolver, ObservationFlagResolver, HarmonisationResolver, HarmonisedComponentResolver, HeadlineResolver, IndicatorRankingResolver } from "./ranking/area-value.resolver.js";
import { IndicatorRevisionResolver, ObservationVintageResolver } from "./indicator/revision.resolver.js";
import { PeriodResolver } from "./common/period.resolver.js";
import { DataChangeResolver, DataVersionResolver } from "./version/data-version.resolver.js";
import { AreaShapeCollectionResolver, AreaShapeFieldResolver, AreaShapeResolver } from "./shape/shape.resolver.js";

let schema: Promise<GraphQLSchema> | undefined;

/** Build the executable schema once per process (type-graphql metadata is global). */
export function portalSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: [AboutResolver, TopicResolver, IndicatorResolver, ObservationResolver, TargetResolver, MilestoneResolver, AreaResolver, SourceResolver,
      IndicatorCitationResolver, ObservationCitationResolver, SearchResolver,
      IndicatorRankingResolver, AreaRankingResolver, ObservationFlagResolver, AreaValueResolver, HeadlineResolver, HarmonisationResolver, HarmonisedComponentResolver,
      AreaShapeCollectionResolver, AreaShapeResolver, AreaShapeFieldResolver, IndicatorRevisionResolver, ObservationVintageResolver, PeriodResolver, DataVersionResolver, DataChangeResolver],
    validate: false,
  }).then((built) => {
    // type-graphql has no option for the root type's description.
    built.getQueryType()!.description =
      "Read-only entry points of the Thái Nguyên open-data portal: indicators, observations, targets, areas, topics and sources. Values are in base units (count, percent, VND, km²).";
    return built;
  });
  return schema;
}
