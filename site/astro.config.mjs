// Astro configuration of the portal's static site. Built by `npm run site:build` (site/build.ts),
// which starts the GraphQL API and passes its address in PORTAL_API_URL.
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import sitemap from "@astrojs/sitemap";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  srcDir: "./src",
  publicDir: "./public",
  // Tests build into a temporary folder so they never touch site/dist.
  outDir: process.env.PORTAL_SITE_OUT_DIR ?? "./dist",
  cacheDir: process.env.PORTAL_SITE_CACHE_DIR ?? "./node_modules/.astro",
  site: process.env.PORTAL_SITE_URL ?? "http://localhost:4000",
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "never" },
  // The data page is /du-lieu/ (English: /en/data/); /data/ leads there too.
  redirects: { "/data": "/du-lieu/" },
  // Embed frames are not pages of their own (robots.txt disallows them too).
  integrations: [sitemap({ filter: (page) => !/\/(nhung|en\/embed)\//.test(new URL(page).pathname) })],
  devToolbar: { enabled: false },
});
