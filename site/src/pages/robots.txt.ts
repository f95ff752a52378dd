/** robots.txt: everything may be crawled except the embed frames (their indicator pages are canonical); the sitemap's address. */
import type { APIRoute } from "astro";

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\nDisallow: /nhung/\nDisallow: /en/embed/\n\nSitemap: ${new URL("/sitemap-index.xml", site).href}\n`, {
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
