/**
 * Where the `api` server spends its CPU: a summary of the V8 CPU profiles written by
 * `npm run bench -- --profile` (node --cpu-prof), by package/file and by function.
 *
 *   npx tsx bench/profile.ts [bench/synthetic/profiles]
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Group of a script URL: a package of node_modules, a project folder, or node itself. */
function groupOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const project = url.match(/\/(api|bench|data)\/(.*)$/);
  return project ? `${project[1]}/${project[2]}` : url;
}

export function summariseProfiles(dir: string, top = 25): string {
  if (!existsSync(dir)) return `No profiles in ${dir}.`;
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (!files.length) return `No profiles in ${dir}.`;
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
      const us = profile.timeDeltas[i] ?? 0;
      if (functionName === "(idle)") {
        idle += us;
        return;
      }
      total += us;
      const group = groupOf(url, functionName);
      byGroup.set(group, (byGroup.get(group) ?? 0) + us);
      const fn = `${functionName || "(anonymous)"} ${group}:${lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    });
  }
  const list = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(7)} s  ${k}`).join("\n");
  return [
    `CPU profile of the api server (${files.length} file(s) in ${dir}): ${(total / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle`,
    "Self time by package / file:",
    list(byGroup),
    "Self time by function:",
    list(byFunction),
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(summariseProfiles(process.argv[2] ?? fileURLToPath(new URL("./synthetic/profiles", import.meta.url))));
}
