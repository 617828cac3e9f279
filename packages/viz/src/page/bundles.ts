/**
 * The library script a client-rendered page inlines: vega's bundle as published
 * (`build/vega.min.js`, read from node_modules, the version pinned in package.json), with the
 * SHA-256 hash a Content-Security-Policy names to allow it. No Vega-Lite and no vega-embed:
 * the specs are compiled to Vega in Node (`report/page-data.ts`); no vega-interpreter: the
 * specs' expressions are compiled to functions in Node (`page/expression-script.ts`). Read
 * once per process.
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
 * vega's bundle, the one library script of a client-rendered page. Its package exports no path
 * to the file, so it is found beside the package's resolved entry file (`build/`). The page's
 * expressions are compiled to functions in Node (`page/expression-script.ts`), so neither
 * vega-interpreter nor `eval` is needed.
 * @throws Error when the file is missing (the package is not installed).
 */
export function vegaBundles(): readonly InlineScript[] {
  if (cached !== null) return cached;
  const require = createRequire(import.meta.url);
  const read = (pkg: string, file: string): string =>
    readFileSync(join(dirname(require.resolve(pkg)), file), "utf8");
  cached = [inlineScript("vega", read("vega", "vega.min.js"))];
  return cached;
}
