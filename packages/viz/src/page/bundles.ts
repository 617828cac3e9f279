/**
 * The browser scripts a client-rendered page inlines: vega's bundle as published
 * (`build/vega.min.js`, read from node_modules, the version pinned in package.json) and
 * vega-interpreter (Vega's CSP-compliant expression interpreter, published as one ES module
 * that imports from vega-util; made a classic script here, see {@link interpreterScript}),
 * each with the SHA-256 hash a Content-Security-Policy names to allow it. No Vega-Lite and no
 * vega-embed: the specs are compiled to Vega in Node (`report/page-data.ts`). Read once per
 * process.
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
 * vega-interpreter's ES module (`build/vega-interpreter.js`) as a classic script: its one
 * `import { ... } from 'vega-util'` becomes reads from the global `vega` (whose bundle
 * re-exports vega-util), its one `export { x as expressionInterpreter }` becomes
 * `vega.expressionInterpreter = x`, the whole in a function scope. Nothing else changes.
 * @throws Error when the module's import or export is not of that form (another version).
 */
export function interpreterScript(moduleSource: string): string {
  const imports = /^import \{([^}]*)\} from 'vega-util';\n/m;
  const exported = /^export \{ ([A-Za-z_$][\w$]*) as expressionInterpreter \};\n/m;
  const im = imports.exec(moduleSource);
  const ex = exported.exec(moduleSource);
  if (
    im === null ||
    ex === null ||
    /^(import|export) /m.test(moduleSource.replace(imports, "").replace(exported, ""))
  )
    throw new Error(
      "interpreterScript: vega-interpreter's module is not one vega-util import and one expressionInterpreter export (is the pinned version installed?)",
    );
  const bindings = im[1]!
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b !== "")
    .map((b) => {
      const [from, as] = b.split(/\s+as\s+/);
      return `var ${as ?? from} = vega.${from};`;
    })
    .join("\n");
  const body = moduleSource
    .replace(imports, "")
    .replace(exported, `vega.expressionInterpreter = ${ex[1]};\n`)
    .replace(/^\/\/# sourceMappingURL=.*$/m, "");
  return `(function () {\n"use strict";\n${bindings}\n${body}})();\n`;
}

/**
 * vega and vega-interpreter (so views run with `ast: true` and no `eval`), in load order.
 * Their packages export no path to the files, so each is found beside the package's
 * resolved entry file (`build/`).
 * @throws Error when a file is missing (the package is not installed).
 */
export function vegaBundles(): readonly InlineScript[] {
  if (cached !== null) return cached;
  const require = createRequire(import.meta.url);
  const read = (pkg: string, file: string): string =>
    readFileSync(join(dirname(require.resolve(pkg)), file), "utf8");
  cached = [
    inlineScript("vega", read("vega", "vega.min.js")),
    inlineScript("vega-interpreter", interpreterScript(read("vega-interpreter", "vega-interpreter.js"))),
  ];
  return cached;
}
