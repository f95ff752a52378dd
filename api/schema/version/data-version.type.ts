import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { DataChangeRow, DataVersionRow } from "../../db/database.js";

export enum DataChangeKind {
  ADDED = "ADDED",
  CHANGED = "CHANGED",
  REMOVED = "REMOVED",
}
registerEnumType(DataChangeKind, {
  name: "DataChangeKind",
  description: "How a value differs from the previous data version.",
  valuesConfig: {
    ADDED: { description: "A value the previous version did not have (same indicator, area, period, breakdown and source)." },
    CHANGED: { description: "The same value with another number or status (a revision or a correction)." },
    REMOVED: { description: "A value of the previous version that this version no longer has." },
  },
});

@ObjectType({ description: "A published data version (a record in data/releases) or the version of this database, with how many values it added, changed and removed." })
export class DataVersion {
  @Field(() => ID, { description: "The data version: build date and the first 8 hex digits of the data hash, e.g. 2026-11-30.13c16d75." })
  version!: string;
  @Field(() => String, { description: "Date of the version (YYYY-MM-DD): the day it was built." })
  publishedOn!: string;
  @Field(() => String, { nullable: true, description: "The version it is compared with (the one before it); null for the first recorded version." })
  previousVersion!: string | null;
  @Field(() => Boolean, { description: "True for the version this API serves." })
  current!: boolean;
  @Field(() => Boolean, { description: "True when the version is published (its record is committed in data/releases); false for a build not released yet." })
  released!: boolean;
  @Field(() => Int, { description: "Values (observations, computed ones included) the version holds." })
  valuesCount!: number;
  @Field(() => Int, { description: "Values added since the previous version." })
  added!: number;
  @Field(() => Int, { description: "Values whose number or status changed since the previous version." })
  changed!: number;
  @Field(() => Int, { description: "Values of the previous version that this one no longer has." })
  removed!: number;

  static from(row: DataVersionRow): DataVersion {
    return Object.assign(new DataVersion(), {
      version: row.version, publishedOn: row.published_on, previousVersion: row.previous_version, current: row.is_current === 1, released: row.is_released === 1,
      valuesCount: row.values_count, added: row.added, changed: row.changed, removed: row.removed,
    });
  }
}

@ObjectType({ description: "A value added, changed or removed between a data version and the previous one, named by what identifies it." })
export class DataChange {
  @Field(() => DataChangeKind, { description: "Added, changed or removed." })
  kind!: DataChangeKind;
  @Field(() => ID, { description: "The observation's stable id (Observation.id): the same indicator, area, period, breakdown and source keep it across versions." })
  observationId!: string;
  @Field(() => ID, { description: "Indicator id (the indicator itself: `indicator`; null there when this version no longer has it)." })
  indicatorId!: string;
  @Field(() => ID, { description: "GSO code of the area." })
  areaCode!: string;
  @Field(() => String, { description: "First day of the period (YYYY-MM-DD)." })
  periodStart!: string;
  @Field(() => String, { description: "Last day of the period (YYYY-MM-DD)." })
  periodEnd!: string;
  @Field(() => String, { description: "The period as the source names it (e.g. 2023, 2025 (trước sáp nhập))." })
  periodLabel!: string;
  @Field(() => ID, { nullable: true, description: "Breakdown id (a part of the total); null for a total." })
  breakdownId!: string | null;
  @Field(() => ID, { description: "Source id (the source itself: `source`)." })
  sourceId!: string;
  @Field(() => Float, { nullable: true, description: "The value in the previous version (base units); null when added." })
  oldValue!: number | null;
  @Field(() => Float, { nullable: true, description: "The value in this version (base units); null when removed." })
  newValue!: number | null;
  @Field(() => String, { nullable: true, description: "Status in the previous version (REPORTED, ESTIMATE, …); null when added." })
  oldStatus!: string | null;
  @Field(() => String, { nullable: true, description: "Status in this version; null when removed." })
  newStatus!: string | null;

  static from(row: DataChangeRow): DataChange {
    return Object.assign(new DataChange(), {
      kind: row.kind as DataChangeKind, observationId: row.observation_key, indicatorId: row.indicator_id, areaCode: row.area_code,
      periodStart: row.period_start, periodEnd: row.period_end, periodLabel: row.period_label, breakdownId: row.breakdown_id, sourceId: row.source_id,
      oldValue: row.old_value, newValue: row.new_value, oldStatus: row.old_status, newStatus: row.new_status,
    });
  }
}
