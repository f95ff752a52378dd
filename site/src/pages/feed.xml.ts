/** /feed.xml: the Atom feed of data versions (what changed in each, linking to /moi-cap-nhat/). */
import type { APIRoute } from "astro";
import { UI, paths } from "../lib/labels";
import { atomFeed, getDataVersions } from "../lib/versions";

export const GET: APIRoute = async ({ site }) =>
  new Response(atomFeed(await getDataVersions(), site!, UI.siteName, paths.whatsNew), {
    headers: { "content-type": "application/atom+xml; charset=utf-8" },
  });
