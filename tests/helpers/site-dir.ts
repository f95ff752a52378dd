import { tmpdir } from "node:os";
import { join } from "node:path";

/** Folder of the site build shared by the test files of one run. */
export const sharedSiteDir = (runId: string) => join(tmpdir(), `portal-shared-site-${runId}`);
