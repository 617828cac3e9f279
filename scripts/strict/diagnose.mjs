#!/usr/bin/env node
// Prints the whole repository's type errors (see program.mjs), optionally with
// --unchecked-index to force noUncheckedIndexedAccess on, and a count per package.
import { relative, resolve } from "node:path";
import ts from "typescript";
import { formatDiagnostic, repoConfig } from "./program.mjs";

const args = process.argv.slice(2);
const root = resolve(args.find((a) => !a.startsWith("--")) ?? process.cwd());
const { rootNames, options } = repoConfig(root);
if (args.includes("--unchecked-index")) options.noUncheckedIndexedAccess = true;
const t0 = Date.now();
const program = ts.createProgram(rootNames, options);
const diags = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
for (const sf of program.getSourceFiles()) {
  if (sf.fileName.includes("/node_modules/") || !sf.fileName.startsWith(root)) continue;
  diags.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
}
const byPkg = new Map();
for (const d of diags) {
  console.log(formatDiagnostic(d).replace(`${root}/`, ""));
  const rel = d.file ? relative(root, d.file.fileName).split("/") : ["(global)"];
  const key = rel[0] === "packages" ? `packages/${rel[1]}/${rel[2]}` : `${rel[0]}/${rel[1] ?? ""}`;
  byPkg.set(key, (byPkg.get(key) ?? 0) + 1);
}
for (const [k, n] of [...byPkg].sort()) console.error(`${k.padEnd(28)} ${n}`);
console.error(`${diags.length} diagnostics, ${program.getSourceFiles().length} files, ${Date.now() - t0} ms`);
