/**
 * Child process of the scale study: build the real data plus a SYNTHETIC layer into one
 * database and print, as one JSON line on stdout, the time taken and the peak resident
 * memory of this process (process.resourceUsage().maxRSS), so memory is measured per ingest.
 *
 *   npx tsx bench/ingest.ts <synthetic-layer-dir> <out.sqlite>
 */
import { join } from "node:path";
import { buildDatabase } from "../data/ingest/build.js";
import { DATA_DIR } from "./synthetic.js";

const [layerDir, outFile] = process.argv.slice(2);
if (!layerDir || !outFile) {
  console.error("usage: tsx bench/ingest.ts <synthetic-layer-dir> <out.sqlite>");
  process.exit(2);
}
const started = performance.now();
const summary = await buildDatabase({
  dataDir: DATA_DIR,
  outFile,
  extraCatalogueDir: join(layerDir, "catalogue"),
  extraObservationFiles: [join(layerDir, "observations.csv")],
  buildDate: "2026-01-01",
});
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, counts: summary.counts }) + "\n");
