#!/usr/bin/env node
// Counts non-null assertions (`x!`, TypeScript NonNullExpression nodes) in the repository's
// tracked TypeScript files, per package and per part (src, test, ...), with the compiler API
// (a text search also counts `!=`, `!==` and logical negation). Issue 19, "Names and strictness".
//
//   node scripts/strict/count-non-null.mjs [repo-root] [--json] [--kinds]
//
// --kinds also counts what the assertions apply to: an element access (`a[i]!`), a `.get(...)`
// call (`map.get(k)!`), another call, a property access (`o.p!`), a name (`x!`), or other.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const args = process.argv.slice(2);
const json = args.includes("--json");
const withKinds = args.includes("--kinds");
const kinds = new Map();

function kindOf(expr) {
  while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
  if (ts.isElementAccessExpression(expr)) return "element access";
  if (ts.isCallExpression(expr)) {
    const callee = expr.expression;
    return ts.isPropertyAccessExpression(callee) && callee.name.text === "get" ? ".get() call" : "other call";
  }
  if (ts.isPropertyAccessExpression(expr)) return "property access";
  if (ts.isIdentifier(expr)) return "name";
  return "other";
}
const root = args.find((a) => !a.startsWith("--")) ?? process.cwd();
const files = execFileSync("git", ["-C", root, "ls-files", "*.ts", "*.mts", "*.cts"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f !== "" && !f.endsWith(".d.ts"));

/** "packages/math" + "src", "benchmarks" + "test", "(root)" + "vitest.config.ts", ... */
function group(file) {
  const parts = file.split("/");
  if (parts[0] === "packages") return [`packages/${parts[1]}`, parts[2]];
  if (parts.length === 1) return ["(root)", "-"];
  return [parts[0], parts.length > 2 ? parts[1] : "-"];
}

const counts = new Map();
let total = 0;
for (const file of files) {
  const text = readFileSync(join(root, file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let n = 0;
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.NonNullExpression) {
      n++;
      const k = kindOf(node.expression);
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const [pkg, part] = group(file);
  const byPart = counts.get(pkg) ?? new Map();
  byPart.set(part, (byPart.get(part) ?? 0) + n);
  counts.set(pkg, byPart);
  total += n;
}

if (json) {
  const out = {};
  for (const [pkg, byPart] of counts) out[pkg] = Object.fromEntries(byPart);
  console.log(JSON.stringify({ total, packages: out }));
} else {
  for (const pkg of [...counts.keys()].sort()) {
    const byPart = counts.get(pkg);
    const sum = [...byPart.values()].reduce((a, b) => a + b, 0);
    const detail = [...byPart]
      .sort()
      .map(([p, n]) => `${p} ${n}`)
      .join(", ");
    console.log(`${pkg.padEnd(20)} ${String(sum).padStart(5)}   (${detail})`);
  }
  console.log(`${"total".padEnd(20)} ${String(total).padStart(5)}`);
}
if (withKinds) {
  for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(18)} ${n}`);
}
