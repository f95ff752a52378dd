/**
 * Permalinks of the static site, built from PORTAL_SITE_URL (default http://localhost:<PORT>,
 * PORT defaulting to 4000, so a local `PORT=4700 npm start` links to itself).
 * They follow the site's routes: /chi-so/<indicator>/ (Vietnamese) and
 * /en/indicators/<indicator>/ (English); a value is the anchor #obs-<observation id> there.
 */
import type { Lang } from "../../lib/format.js";

/** The local address the portal serves on: http://localhost:<PORT> (PORT defaults to 4000). */
export function defaultSiteUrl(): string {
  return `http://localhost:${process.env.PORT?.trim() || 4000}`;
}

/** The site's base URL without a trailing slash, read at call time so tests and builds can set it. */
export function siteBaseUrl(): string {
  return (process.env.PORTAL_SITE_URL?.trim() || defaultSiteUrl()).replace(/\/+$/, "");
}

/** Path of an indicator's page: /chi-so/<id>/ or /en/indicators/<id>/. */
export function indicatorPath(indicatorId: string, lang: Lang): string {
  const id = encodeURIComponent(indicatorId);
  return lang === "vi" ? `/chi-so/${id}/` : `/en/indicators/${id}/`;
}

/** Absolute URL of an indicator's page. */
export function indicatorPermalink(indicatorId: string, lang: Lang): string {
  return `${siteBaseUrl()}${indicatorPath(indicatorId, lang)}`;
}

/** Id of the HTML element of one value on its indicator's page (the anchor of its permalink). */
export function observationAnchor(observationId: string): string {
  return `obs-${observationId}`;
}

/** Absolute URL of one value: its indicator's page with the value's anchor. */
export function observationPermalink(indicatorId: string, observationId: string, lang: Lang): string {
  return `${indicatorPermalink(indicatorId, lang)}#${observationAnchor(observationId)}`;
}
