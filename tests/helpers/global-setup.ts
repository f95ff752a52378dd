/**
 * Once per `vitest run`: a run id under which test files share one build of the real site
 * (tests/helpers/site.ts), removed at the end. Files run one after another (vitest.config.ts).
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { sharedSiteDir } from "./site-dir.js";

declare module "vitest" {
  export interface ProvidedContext {
    testRunId: string;
  }
}

export default function setup(project: TestProject) {
  const runId = randomUUID();
  project.provide("testRunId", runId);
  return () => rmSync(sharedSiteDir(runId), { recursive: true, force: true });
}
