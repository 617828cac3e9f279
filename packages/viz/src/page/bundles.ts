/**
 * The browser bundles a client-rendered page inlines: vega, vega-lite and vega-embed as
 * published (their `build/*.min.js`, read from node_modules, the versions pinned in
 * package.json), each with the SHA-256 hash a Content-Security-Policy names to allow it.
 * Read once per process.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A script inlined in a page: its source and its CSP source expression (`'sha256-…'`). */
export interface InlineScript {
  readonly name: string;
  readonly source: string;
  readonly hash: string;
}

/** The CSP hash source of a script's text (CSP Level 2, "hash-source": base64 of SHA-256). */
export function cspHash(source: string): string {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

/** An inline script record for `source`. */
export function inlineScript(name: string, source: string): InlineScript {
  if (/<\/script|<!--/i.test(source))
    throw new Error(`inlineScript: ${name} holds "</script" or "<!--" and cannot be inlined as is`);
  return { name, source, hash: cspHash(source) };
}

let cached: readonly InlineScript[] | null = null;

/**
 * vega, vega-lite and vega-embed (which bundles vega-interpreter, so views run with
 * `ast: true` and no `eval`), in load order. Their packages export no path to the bundles,
 * so each is found beside the package's resolved entry file (`build/`).
 * @throws Error when a bundle is missing (the package is not installed).
 */
export function vegaBundles(): readonly InlineScript[] {
  if (cached !== null) return cached;
  const require = createRequire(import.meta.url);
  const read = (pkg: string, file: string): InlineScript =>
    inlineScript(pkg, readFileSync(join(dirname(require.resolve(pkg)), file), "utf8"));
  cached = [
    read("vega", "vega.min.js"),
    read("vega-lite", "vega-lite.min.js"),
    read("vega-embed", "vega-embed.min.js"),
  ];
  return cached;
}
