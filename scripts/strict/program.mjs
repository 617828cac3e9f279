// One TypeScript program over the whole repository: every project's `src` (tsconfig.json's
// references) and everything tsconfig.test.json includes, with tsconfig.test.json's options.
// Workspace imports resolve to sources through the "@tunelab/source" condition, so this is the
// union of what `npm run typecheck` checks (without isolatedDeclarations' declaration checks,
// which the scripts here cannot affect). Used by count and prune scripts (issue 19).
import { dirname, join, resolve } from "node:path";
import ts from "typescript";

function parse(configPath) {
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath), undefined, configPath);
}

/** Root file names and compiler options of the whole repository. */
export function repoConfig(root) {
  root = resolve(root);
  const files = new Set();
  const solution = parse(join(root, "tsconfig.json"));
  for (const ref of solution.projectReferences ?? []) {
    const p = parse(ts.resolveProjectReferencePath(ref));
    for (const f of p.fileNames) files.add(resolve(f));
  }
  const test = parse(join(root, "tsconfig.test.json"));
  for (const f of test.fileNames) files.add(resolve(f));
  return { rootNames: [...files], options: { ...test.options, noEmit: true, incremental: false } };
}

/**
 * A compiler host whose file texts can be overridden in memory (`overrides`: absolute path to
 * text), with a cache of parsed source files that are not overridden.
 */
export function overlayHost(options, overrides) {
  const base = ts.createCompilerHost(options, true);
  const cache = new Map();
  return {
    ...base,
    fileExists: (f) => overrides.has(resolve(f)) || base.fileExists(f),
    readFile: (f) => overrides.get(resolve(f)) ?? base.readFile(f),
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      const key = resolve(fileName);
      const text = overrides.get(key);
      if (text !== undefined) {
        return ts.createSourceFile(fileName, text, languageVersion, true);
      }
      let sf = cache.get(key);
      if (sf === undefined) {
        sf = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
        cache.set(key, sf);
      }
      return sf;
    },
  };
}

export function formatDiagnostic(d) {
  const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file) return `TS${d.code}: ${msg}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
  return `${d.file.fileName}:${line + 1}:${character + 1} TS${d.code}: ${msg}`;
}
