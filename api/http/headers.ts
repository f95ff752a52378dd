/**
 * Security headers on every answer: a Content-Security-Policy whose script-src allows the
 * site's own files and, by SHA-256 hash, the inline scripts of the built pages (the site build
 * writes the hashes into <site>/.csp-script-hashes.json; a dotfile, so never served),
 * nosniff, Referrer-Policy, and framing refused except on the embed pages.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ServerResponse } from "node:http";

/** Where the site build lists the hashes of its pages' inline scripts. */
export const CSP_MANIFEST = ".csp-script-hashes.json";

/** Pages made to be framed by other sites: /nhung/<id>/ and /en/embed/<id>/. */
export const isEmbedPath = (pathname: string) => /^\/(?:nhung|en\/embed)\//.test(pathname);

/** Script types a browser runs, so CSP checks them (JSON-LD and other data blocks are not run). */
function isExecutable(attributes: string): boolean {
  const type = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  const value = (type?.[1] ?? type?.[2] ?? type?.[3] ?? "").trim().toLowerCase();
  return value === "" || value === "module" || value === "importmap" || value === "speculationrules" || /^(?:text|application)\/(?:x-)?(?:java|ecma)script$/.test(value);
}

/** CSP source expressions (`'sha256-…'`) of the inline scripts of one HTML document. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const [, attributes = "", text = ""] = match;
    if (/(?:^|\s)src\s*=/i.test(attributes) || !isExecutable(attributes)) continue;
    // The HTML parser turns CR LF and CR into LF before the script text is hashed.
    const source = text.replace(/\r\n?/g, "\n");
    hashes.push(`'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`);
  }
  return hashes;
}

/** Hash the inline scripts of every page under `dir` and write the manifest; returns the distinct hashes. */
export async function writeCspManifest(dir: string): Promise<{ pages: number; hashes: string[] }> {
  const hashes = new Set<string>();
  let pages = 0;
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name.endsWith(".html")) {
        pages++;
        for (const hash of inlineScriptHashes(await readFile(path, "utf8"))) hashes.add(hash);
      }
    }
  };
  await walk(dir);
  const sorted = [...hashes].sort();
  await writeFile(join(dir, CSP_MANIFEST), `${JSON.stringify({ scriptHashes: sorted }, null, 2)}\n`);
  return { pages, hashes: sorted };
}

/** The hashes the site build listed (none when there is no site, or a site built before the manifest existed). */
export function readCspManifest(siteDir: string | undefined): string[] {
  if (!siteDir || !existsSync(join(siteDir, CSP_MANIFEST))) return [];
  const parsed = JSON.parse(readFileSync(join(siteDir, CSP_MANIFEST), "utf8")) as { scriptHashes?: unknown };
  return Array.isArray(parsed.scriptHashes) ? parsed.scriptHashes.filter((h): h is string => typeof h === "string" && /^'sha256-[A-Za-z0-9+/=]+'$/.test(h)) : [];
}

/**
 * The policy. Scripts: own files and hashed inline ones only. Styles allow inline: the charts
 * (Observable Plot's SVG) carry <style> elements and style attributes, and styles run no code.
 * The explorer posts to /graphql on this origin (connect-src, form-action 'self').
 */
export function contentSecurityPolicy(scriptHashes: readonly string[], embeddable: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((h) => ` ${h}`).join("")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    // An embed may be framed by any page: no frame-ancestors at all (`*` would refuse a page
    // without a network origin, e.g. a draft opened from a file or written with setContent).
    ...(embeddable ? [] : ["frame-ancestors 'none'"]),
  ].join("; ");
}

export type SecurityHeaders = (res: ServerResponse, pathname: string) => void;

/** Set the security headers of an answer to `pathname` (before anything else is written). */
export function createSecurityHeaders(scriptHashes: readonly string[]): SecurityHeaders {
  const framed = contentSecurityPolicy(scriptHashes, true);
  const unframed = contentSecurityPolicy(scriptHashes, false);
  return (res, pathname) => {
    const embeddable = isEmbedPath(pathname);
    res.setHeader("content-security-policy", embeddable ? framed : unframed);
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
    // For browsers without frame-ancestors (CSP level 1).
    if (!embeddable) res.setHeader("x-frame-options", "DENY");
  };
}

/** The same headers as raw header lines, for answers Node writes to the socket itself (bad requests). */
export const RAW_SECURITY_HEADERS = `content-security-policy: default-src 'none'; frame-ancestors 'none'\r\nx-content-type-options: nosniff\r\nreferrer-policy: strict-origin-when-cross-origin\r\n`;
