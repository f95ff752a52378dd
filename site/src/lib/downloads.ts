/**
 * What the site knows of the download files at build time. site/build.ts generates them
 * (downloads/build.ts) before astro runs and passes their folder in PORTAL_DOWNLOADS_DIR, so
 * pages can state sizes; the folder is copied into the site's downloads/ after the build.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { formatNumber, type Locale } from "./format";

function folder(): string | null {
  const dir = process.env.PORTAL_DOWNLOADS_DIR;
  return dir && existsSync(dir) ? dir : null;
}

/** Size in bytes of a file of the downloads folder (path relative to it), or null when unknown. */
export function downloadSize(path: string): number | null {
  const dir = folder();
  if (!dir) return null;
  const file = join(dir, path);
  return existsSync(file) ? statSync(file).size : null;
}

/** 41,8 kB / 1,2 MB (vi) or 41.8 kB / 1.2 MB (en); decimal units. */
export function formatBytes(bytes: number, lang: Locale): string {
  if (bytes < 1000) return `${formatNumber(bytes, lang, 0)} B`;
  if (bytes < 1e6) return `${formatNumber(bytes / 1e3, lang, 1)} kB`;
  return `${formatNumber(bytes / 1e6, lang, 1)} MB`;
}

/** The zip of a data version (the name downloads/build.ts gives it). */
export const zipName = (dataVersion: string) => `thai-nguyen-open-data-${dataVersion}.zip`;

/** The GeoJSON of the communes of 2025-07-01 with their latest values (downloads/geojson.ts names it so). */
export const COMMUNE_MAP_FILE = "thai-nguyen-communes-2025-07-01.geojson";
