#!/usr/bin/env node
// Removes the non-null assertions (`x!`) that the type checker does not need, in place.
// Issue 19, "Names and strictness": with noUncheckedIndexedAccess on, keep only the assertions
// the compiler needs. `!` is erased at compile time, so removing one never changes behaviour;
// the only question is whether the program still type-checks without it.
//
// For each tracked TypeScript file with assertions: try the file without all of them; when
// the file (and, for files outside an isolatedDeclarations project, the files importing it)
// then has new diagnostics, keep the assertions an error points into, bisect the rest (a group
// is removed only when the file checks clean without it), and try each suspect alone. Every
// removal that is kept was type-checked together with all removals before it. Run it again
// to confirm the result is stable (it should then remove nothing), and run
// `npm run typecheck` after.
//
//   node scripts/strict/prune-non-null.mjs [--dry-run] [--shard i/n] [paths...]
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import ts from "typescript";
import { formatDiagnostic, overlayHost, repoConfig } from "./program.mjs";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const shardArg = args[args.indexOf("--shard") + 1];
const [shard, shards] = args.includes("--shard") ? shardArg.split("/").map(Number) : [0, 1];
const only = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--shard").map((a) => resolve(a));
const root = resolve(execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim());

const { rootNames, options } = repoConfig(root);
const overrides = new Map();
const host = overlayHost(options, overrides);
let program = ts.createProgram(rootNames, options, host);

// Files under an isolatedDeclarations project (every package's src) cannot change another
// file's types by losing an assertion: their exports carry explicit types.
const srcDirs = ["packages/", "benchmarks/src/", "test-functions/src/"];
const isolated = (f) => {
  const rel = relative(root, f);
  return (
    srcDirs.some((d) => rel.startsWith(d)) &&
    (rel.startsWith("packages/") ? rel.split("/")[2] === "src" : true)
  );
};

const importers = new Map();
for (const sf of program.getSourceFiles()) {
  if (sf.fileName.includes("/node_modules/")) continue;
  for (const spec of sf.imports ?? []) {
    const r = program.getResolvedModuleFromModuleSpecifier(spec, sf)?.resolvedModule;
    if (!r || r.resolvedFileName.includes("/node_modules/")) continue;
    const key = resolve(r.resolvedFileName);
    if (!importers.has(key)) importers.set(key, new Set());
    importers.get(key).add(resolve(sf.fileName));
  }
}

function diagnosticsOf(files) {
  const out = [];
  for (const f of files) {
    const sf = program.getSourceFile(f);
    out.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
  }
  return out;
}

function findNonNull(sf, end) {
  let found;
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.NonNullExpression && node.getEnd() - 1 === end) found = node;
    else if (node.pos <= end && end < node.end) ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function nonNullEnds(sf) {
  const ends = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.NonNullExpression) {
      const end = node.getEnd() - 1;
      if (sf.text[end] !== "!") throw new Error(`${sf.fileName}: no "!" at the end of ${node.getText(sf)}`);
      ends.push({ end, start: node.expression.getStart(sf) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return ends;
}

const tracked = execFileSync("git", ["-C", root, "ls-files", "*.ts"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f !== "")
  .map((f) => resolve(root, f));
const inProgram = new Set(program.getSourceFiles().map((sf) => resolve(sf.fileName)));
const notChecked = tracked.filter((f) => !inProgram.has(f));
if (notChecked.length > 0) console.error(`not in the program (left alone): ${notChecked.join(", ")}`);

let files = tracked.filter(
  (f) => inProgram.has(f) && (only.length === 0 || only.some((o) => f.startsWith(o))),
);
files = files.filter((_, i) => i % shards === shard);

// An assertion on an `any` operand is never needed, but an `any` where a typed value is expected
// usually means the index check is off there (Array.isArray narrows a readonly array to any[]):
// such removals are listed so a person can look.
const checker = program.getTypeChecker();
const anyOperands = [];

let checks = 0;
const totals = { before: 0, removed: 0 };
for (const file of files) {
  const original = readFileSync(file, "utf8");
  const sf0 = program.getSourceFile(file);
  const candidates = nonNullEnds(sf0);
  if (candidates.length === 0) continue;
  for (const c of candidates) {
    const node = findNonNull(sf0, c.end);
    c.any = node !== undefined && (checker.getTypeAtLocation(node.expression).flags & ts.TypeFlags.Any) !== 0;
  }
  const affected = [file, ...(isolated(file) ? [] : [...(importers.get(file) ?? [])])];
  const baseline = diagnosticsOf(affected);
  if (baseline.length > 0) {
    console.error(`${relative(root, file)}: has diagnostics before pruning; skipped`);
    for (const d of baseline) console.error(`  ${formatDiagnostic(d)}`);
    continue;
  }
  const removed = new Set(); // indices into candidates, verified together
  const kept = new Set();
  const textWithout = (set) => {
    const ends = [...set].map((i) => candidates[i].end).sort((a, b) => a - b);
    let out = "";
    let from = 0;
    for (const e of ends) {
      out += original.slice(from, e);
      from = e + 1;
    }
    return out + original.slice(from);
  };
  /** Diagnostics in the affected files with `set` removed as well, as offsets in `original`. */
  const check = (extra) => {
    checks++;
    const set = new Set([...removed, ...extra]);
    overrides.set(file, textWithout(set));
    program = ts.createProgram(rootNames, options, host, program);
    const diags = diagnosticsOf(affected);
    const ends = [...set].map((i) => candidates[i].end).sort((a, b) => a - b);
    const toOriginal = (pos) => {
      let p = pos;
      for (const e of ends) if (e <= p) p++;
      return p;
    };
    return diags.map((d) => ({
      d,
      pos: d.file && resolve(d.file.fileName) === file ? toOriginal(d.start ?? 0) : -1,
    }));
  };
  const bisect = (group) => {
    if (group.length === 0) return;
    if (check(group).length === 0) {
      for (const i of group) removed.add(i);
      return;
    }
    if (group.length === 1) {
      kept.add(group[0]);
      return;
    }
    const mid = group.length >> 1;
    bisect(group.slice(0, mid));
    bisect(group.slice(mid));
  };

  const all = candidates.map((_, i) => i);
  const first = check(all);
  if (first.length === 0) {
    for (const i of all) removed.add(i);
  } else {
    const suspect = new Set(
      all.filter((i) => first.some(({ pos }) => pos >= candidates[i].start && pos <= candidates[i].end)),
    );
    bisect(all.filter((i) => !suspect.has(i)));
    for (const i of suspect) bisect([i]);
  }
  // Confirm the final text once more, exactly as written.
  const finalText = textWithout(removed);
  const last = check([]);
  if (last.length > 0)
    throw new Error(`${relative(root, file)}: final text does not check: ${formatDiagnostic(last[0].d)}`);
  overrides.delete(file);
  if (removed.size > 0 && !dryRun) writeFileSync(file, finalText);
  // Keep the program in step with the disk (later files are checked against this text).
  if (removed.size > 0) overrides.set(file, finalText);
  for (const i of removed) {
    if (!candidates[i].any) continue;
    const { line, character } = sf0.getLineAndCharacterOfPosition(candidates[i].start);
    anyOperands.push(`${relative(root, file)}:${line + 1}:${character + 1}`);
  }
  totals.before += candidates.length;
  totals.removed += removed.size;
  console.log(
    `${relative(root, file)}: ${candidates.length} -> ${candidates.length - removed.size} (removed ${removed.size})`,
  );
}
console.log(
  `total: ${totals.before} -> ${totals.before - totals.removed} (removed ${totals.removed}); ${checks} checks`,
);
if (anyOperands.length > 0) {
  console.log(`removed on an operand of type any (look at why it is any): ${anyOperands.join(", ")}`);
}
