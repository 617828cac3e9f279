/**
 * The page script that holds a page's Vega expressions as functions (`page/expressions.ts`)
 * and the evaluator a `vega.View` takes as its `expr` option. Its text depends on the specs,
 * so a page's CSP names its hash beside the fixed scripts'.
 *
 * The script first defines, once per page, `globalThis.tunelabExpressions`: the evaluator
 * (`operator`, `parameter`, `event`, `handler`, `encode`, as the runtime calls them) over a
 * `Map` from key to function, and `add(entries)`; then it adds its entries,
 * `[[key, function (params) { body }], ...]`. Entries are top-level function expressions, so
 * their code sees the page's globals and nothing of ours (the code strings name `Math`,
 * `Number`, ... and `this.<function>`). A code string missing from the table is an error
 * naming it (the view fails to draw), never a fallback to `eval` or an interpreter. A
 * dashboard page that receives specs with new expressions loads another such script from its
 * server, which adds to the same table.
 *
 * Nothing can end the `<script>` element or open a tag in it: keys are JSON strings with `<`,
 * U+2028 and U+2029 written as `\u` escapes, and in bodies every `<` followed by a letter,
 * `/`, `!` or `?` becomes `\u003c`. Vega's code generator writes its `<`, `<=` and `<<`
 * operators with a space after them (`(a < b)`), so such a `<` only occurs inside a string or
 * regular-expression literal, where `\u003c` means `<` (an identity escape `\<` is replaced
 * whole).
 */
import { Script } from "node:vm";
import { type CompiledExpression, specExpressions } from "./expressions.js";

/** Defines the evaluator when the page has none yet (ES2017, runs as written). */
const PRELUDE = `(function () {
"use strict";
if (globalThis.tunelabExpressions) return;
var table = new Map();
// A facet's subflow is parsed again for every facet, with the same expression objects: each
// object's function is looked up once.
var known = new WeakMap();
function find(key) {
  var f = table.get(key);
  if (f === undefined) throw new Error("tunelab: this page holds no compiled function for the Vega expression " + JSON.stringify(key.length > 300 ? key.slice(0, 300) + "..." : key));
  return f;
}
function lookup(e, key) {
  var f = known.get(e);
  if (f === undefined) { f = find(key(e)); known.set(e, f); }
  return f;
}
function bound(ctx, f) { return ctx && ctx.functions ? f.bind(ctx.functions) : f; }
function single(prefix) {
  var key = function (e) { return prefix + e.code; };
  return function (ctx, e) { return bound(ctx, lookup(e, key)); };
}
function encodeKey(e) {
  var names = Object.keys(e.channels);
  var codes = names.map(function (n) { return e.channels[n].code; });
  return "c:" + JSON.stringify([e.marktype, names, codes]);
}
globalThis.tunelabExpressions = {
  size: function () { return table.size; },
  has: function (key) { return table.has(key); },
  add: function (entries) { for (var i = 0; i < entries.length; i++) table.set(entries[i][0], entries[i][1]); },
  operator: single("o:"),
  parameter: single("p:"),
  event: single("e:"),
  handler: single("h:"),
  encode: function (ctx, e) { return bound(ctx, lookup(e, encodeKey)); }
};
})();
`;

/** A string as a JSON literal that is safe inside a `<script>` element and in any JS. */
export function scriptString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A function body with each `<` that could start a tag escaped (only inside literals, see above). */
export function scriptBody(body: string): string {
  return body.replace(/(\\*)<(?=[A-Za-z/!?])/g, (_, bs: string) =>
    bs.length % 2 === 0 ? `${bs}\\u003c` : `${bs.slice(1)}\\u003c`,
  );
}

/**
 * The script text for `expressions`: the evaluator's prelude and one entry per expression.
 * Checked to parse as JavaScript (so an entry cannot end the script early or swallow the next).
 * @throws Error when the text does not parse.
 */
export function expressionScript(expressions: readonly CompiledExpression[]): string {
  const entries = expressions.map(
    (e) => `[${scriptString(e.key)}, function (${e.params.join(", ")}) {${scriptBody(e.body)}}]`,
  );
  const source = `${PRELUDE}globalThis.tunelabExpressions.add([\n${entries.join(",\n")}\n]);\n`;
  try {
    new Script(source, { filename: "tunelab-expressions.js" });
  } catch (e) {
    throw new Error(
      `expressionScript: the expression table does not parse as JavaScript: ${(e as Error).message}`,
    );
  }
  return source;
}

/**
 * The expression script of Vega specs: {@link specExpressions} then {@link expressionScript}.
 * @example
 * ```ts
 * const source = specsExpressionScript(data.plots.map((p) => p.spec));
 * ```
 */
export function specsExpressionScript(specs: readonly unknown[]): string {
  return expressionScript(specExpressions(specs));
}
