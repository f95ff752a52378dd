/**
 * Geography: administrative units of Thái Nguyên with their validity, from the GSO unit
 * lists in data/geography. Each snapshot's units are valid from the snapshot date until the
 * day before the next snapshot that no longer has them unchanged.
 */
import { join } from "node:path";
import { foldForSearch } from "../../api/lib/text.js";
import type { AreaTable, AreaLinkTable } from "../../api/db/database.js";
import { readCsvAll } from "./read.js";
import { unitListRowSchema, type UnitListRow } from "./schemas.js";

/** A unit list snapshot: the file, the date it describes and its source record. */
interface Snapshot {
  file: string;
  date: string;
  sourceId: string;
}

const SNAPSHOTS: Snapshot[] = [
  { file: "thai-nguyen-units-2022-10-01.csv", date: "2022-10-01", sourceId: "gso-units-2022-10-01" },
  { file: "thai-nguyen-bac-kan-units-2025-03-01.csv", date: "2025-03-01", sourceId: "gso-units-2025-03-01" },
  { file: "thai-nguyen-units-2025-07-01.csv", date: "2025-07-01", sourceId: "gso-units-2025-07-01" },
];

export interface Geography {
  areas: AreaTable[];
  links: AreaLinkTable[];
}

const LEVELS: Record<UnitListRow["level"], string> = { province: "PROVINCE", district: "DISTRICT", commune: "COMMUNE" };

/** Read the unit lists and return one area row per version of each unit. */
export async function buildGeography(dataDir: string): Promise<Geography> {
  const dir = join(dataDir, "geography");
  const versions = new Map<string, AreaTable>();
  let previous: Map<string, AreaTable> | undefined;
  for (const [index, snapshot] of SNAPSHOTS.entries()) {
    const rows = await readCsvAll(join(dir, snapshot.file), unitListRowSchema);
    const current = new Map<string, AreaTable>();
    for (const { row } of rows) {
      const same = previous?.get(row.code);
      if (same && same.unit_type === row.unit_type.toUpperCase() && same.name === row.name && same.parent_code === row.parent_code) {
        current.set(row.code, same);
        continue;
      }
      const area: AreaTable = {
        id: `${row.code}@${snapshot.date}`,
        code: row.code,
        name: row.name,
        full_name: row.full_name,
        name_en: row.name_en,
        full_name_en: row.full_name_en,
        level: LEVELS[row.level],
        unit_type: row.unit_type.toUpperCase(),
        parent_code: row.parent_code,
        valid_from: snapshot.date,
        valid_to: null,
        validity_note: index === 0 ? "Valid at least from the snapshot date of the first unit list." : null,
        source_id: snapshot.sourceId,
        search_text: foldForSearch(`${row.full_name} ${row.name} ${row.name_en}`),
      };
      current.set(row.code, area);
      versions.set(area.id, area);
    }
    if (previous) {
      for (const [code, area] of previous) {
        if (current.get(code) !== area) area.valid_to = dayBefore(snapshot.date);
      }
    }
    previous = current;
  }
  return { areas: [...versions.values()], links: [] };
}

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
