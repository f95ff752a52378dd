/**
 * `npm start` / `npm run serve`: serve the site and the API on PORT (default 4000).
 * Database: PORTAL_DB or build/portal.sqlite; site: site/dist.
 */
import "reflect-metadata";
import { fileURLToPath } from "node:url";
import { DatabaseUnavailableError } from "./db/connect.js";
import { createPortalServer } from "./server.js";

const dbPath = process.env.PORTAL_DB ?? fileURLToPath(new URL("../build/portal.sqlite", import.meta.url));
const siteDir = fileURLToPath(new URL("../site/dist", import.meta.url));
const port = Number(process.env.PORT ?? 4000);

try {
  const portal = await createPortalServer({ dbPath, siteDir });
  const url = await portal.listen(port);
  console.error(`Portal (data ${portal.portal.meta.dataVersion}) at ${url}/ — API at ${url}/graphql`);
  const stop = async (signal: string) => {
    console.error(`${signal}: finishing in-flight requests, then stopping.`);
    await portal.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
} catch (error) {
  if (error instanceof DatabaseUnavailableError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
