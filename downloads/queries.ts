/**
 * The queries the download generator sends (pages kept small enough for the API's cost limit).
 * Their answers' types are generated from these and schema.graphql (`npm run codegen`, into
 * ./graphql).
 */
import { graphql } from "./graphql/index.js";

export const SourceRefFields = graphql(`
  fragment DownloadSourceRef on Source { id title publisher url }
`);

export const INDICATORS = graphql(`
  query DownloadIndicators($after: String) {
    indicators(first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id name nameEn description descriptionEn higherIsBetter
        topic { id name nameEn }
        unit { id symbol name nameEn kind }
        numerator { id } denominator { id }
        sources { id }
        targets { value comparator kind note period { start end label } area { code fullName fullNameEn } source { ...DownloadSourceRef } }
        permalink permalinkEn: permalink(lang: EN)
        citation citationEn: citation(lang: EN)
      }
    }
  }
`);

export const OBSERVATIONS = graphql(`
  query DownloadObservations($after: String) {
    observations(first: 500, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id value status note areaCode permalink
        period { start end label basis }
        indicator { id name nameEn }
        unit { id }
        area { code fullName fullNameEn }
        breakdown { id name nameEn }
        source { ...DownloadSourceRef }
      }
    }
  }
`);

export const AREAS = graphql(`
  query DownloadAreas($after: String) {
    areas(first: 1000, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id code name fullName nameEn fullNameEn level unitType parentCode validFrom validTo validityNote source { id } }
    }
  }
`);

export const SOURCES = graphql(`
  query DownloadSources {
    sources { id title titleEn publisher kind url published publishedNote licence licenceUrl locator snapshotDate reliability note }
  }
`);

/** The allowed values of the enums the files use, from the API's schema itself. */
export const ENUMS = graphql(`
  query DownloadEnums {
    status: __type(name: "ObservationStatus") { enumValues { name } }
    periodBasis: __type(name: "PeriodBasis") { enumValues { name } }
    areaLevel: __type(name: "AreaLevel") { enumValues { name } }
    areaUnitType: __type(name: "AreaUnitType") { enumValues { name } }
    sourceKind: __type(name: "SourceKind") { enumValues { name } }
    targetKind: __type(name: "TargetKind") { enumValues { name } }
    comparator: __type(name: "TargetComparator") { enumValues { name } }
    unitKind: __type(name: "UnitKind") { enumValues { name } }
  }
`);

export const ABOUT = graphql(`
  query DownloadAbout { about { dataVersion dataHash builtAt licence } }
`);
