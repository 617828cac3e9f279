/**
 * The expressions of Vega specs as JavaScript functions written out as source, so a page runs
 * them with no `eval` and no interpreter.
 *
 * Vega turns each expression of a spec (signal updates, filters, mark encodings, ...) into a
 * `code` string when it parses the spec (`vega.parse`, vega-functions' code generator on
 * vega-expression's AST); the runtime (vega-runtime 7.1.3, `build/vega-runtime.js`, its
 * `expressionCodegen`) then makes each a function with `Function(args, body)` bound to the
 * context's expression functions (`this.format`, `this.scale`, ...), which a
 * Content-Security-Policy without `unsafe-eval` forbids. vega-interpreter (what the pages
 * used before) walks the AST for every evaluation instead, which costs about a fifth of a
 * 10,000-trial page's main-thread time (packages/viz/README.md, "Report speed"). Here the
 * code strings are found in Node, when the page is made, and each becomes a function in the
 * text of one more inline script that the page's CSP allows by hash
 * (`page/expression-script.ts`); the page gives `new vega.View(runtime, { expr })` an
 * evaluator that looks each code string up in that table.
 *
 * The runtime calls its evaluator (`ctx.expr`) with five kinds of expression, each with its
 * own arguments (read from vega-runtime's `expressionCodegen` and vega-interpreter 2.3.2's
 * evaluator, the two implementations of that interface):
 * - `operator(ctx, expr)`: an operator's update, a function of the parameters `_`;
 * - `parameter(ctx, expr)`: an operator parameter (`$expr`), of `(datum, _)`;
 * - `event(ctx, expr)`: an event stream's filter or an update's target, of `(event)`;
 * - `handler(ctx, expr)`: an event-driven update, of `(_, event)`, with `datum` the event's
 *   item's datum;
 * - `encode(ctx, { marktype, channels })`: a mark's encoding set, of `(item, _)`: each
 *   channel's value assigned to the item when it changed, then the spatial properties
 *   completed (width from x and x2, ...), returning whether anything changed.
 * Each function is bound to `ctx.functions` when the context has them, as the runtime does.
 * Field accessors and comparators (`ctx.expr.codegen`) are left to vega-util's closures, as
 * with the interpreter.
 */
import { parse, type Spec } from "vega";

/** The five kinds of runtime expression (see the file's header). */
export type ExpressionKind = "operator" | "parameter" | "event" | "handler" | "encode";

/** One expression as a function: its lookup key, its parameter names and its body. */
export interface CompiledExpression {
  readonly kind: ExpressionKind;
  /** What the page's evaluator looks up: {@link expressionKey} or {@link encodeKey}. */
  readonly key: string;
  readonly params: readonly string[];
  readonly body: string;
}

const PARAMS: Readonly<Record<ExpressionKind, readonly string[]>> = {
  operator: ["_"],
  parameter: ["datum", "_"],
  event: ["event"],
  handler: ["_", "event"],
  encode: ["item", "_"],
};

const PREFIX: Readonly<Record<Exclude<ExpressionKind, "encode">, string>> = {
  operator: "o:",
  parameter: "p:",
  event: "e:",
  handler: "h:",
};

/**
 * The key of a code string of one of the four single-expression kinds: a one-letter prefix,
 * a colon and the code (the page's evaluator builds the same string).
 */
export function expressionKey(kind: Exclude<ExpressionKind, "encode">, code: string): string {
  return `${PREFIX[kind]}${code}`;
}

/** A mark's encoding set as the runtime receives it. */
export interface EncodeExpression {
  readonly marktype: string;
  readonly channels: Readonly<Record<string, { readonly code: string }>>;
}

/**
 * The key of an encoding set: `c:` and the JSON of the mark type, the channel names in order
 * and their codes (the page's evaluator builds the same string).
 */
export function encodeKey(encode: EncodeExpression): string {
  const names = Object.keys(encode.channels);
  return `c:${JSON.stringify([encode.marktype, names, names.map((n) => encode.channels[n]!.code)])}`;
}

/** A body that returns the value of `code` (the runtime's rule: code ending in `;` is a body). */
function returning(code: string): string {
  return code.endsWith(";") ? code : `return(${code});`;
}

/**
 * The statements completing an item's spatial properties after its channels are set, as
 * vega-runtime's encoders and vega-interpreter's do (`adjustSpatial`): with x2, the width from
 * x (x and x2 swapped first when x2 < x for group, image and rect marks) or x from the width;
 * with xc, x from the centre; likewise for y; nothing for rules.
 */
function spatial(marktype: string, channels: Readonly<Record<string, unknown>>): string {
  if (marktype === "rule") return "";
  const swap = marktype === "group" || marktype === "image" || marktype === "rect";
  const has = (c: string): boolean => Object.hasOwn(channels, c);
  let out = "";
  for (const [p, p2, pc, size] of [
    ["x", "x2", "xc", "width"],
    ["y", "y2", "yc", "height"],
  ] as const) {
    if (has(p2)) {
      if (has(p)) {
        if (swap) out += `if(o.${p}>o.${p2}){$=o.${p};o.${p}=o.${p2};o.${p2}=$;}`;
        out += `o.${size}=o.${p2}-o.${p};`;
      } else out += `o.${p}=o.${p2}-(o.${size}||0);`;
    }
    if (has(pc)) out += `o.${p}=o.${pc}-(o.${size}||0)/2;`;
  }
  return out;
}

/** The function of an encoding set. */
function encodeBody(encode: EncodeExpression): string {
  let body = "var o=item,datum=o.datum,m=0,$;";
  for (const name of Object.keys(encode.channels)) {
    const slot = `o[${JSON.stringify(name)}]`;
    body += `$=(${encode.channels[name]!.code});if(${slot}!==$){${slot}=$;m=1;}`;
  }
  return `${body}${spatial(encode.marktype, encode.channels)}return m;`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function codeOf(where: string, e: unknown): string {
  if (!isRecord(e) || typeof e.code !== "string")
    throw new Error(`runtimeExpressions: ${where} has no code string (was the spec parsed with vega.parse?)`);
  return e.code;
}

/** The references vega-runtime's parameter parser tries, in its order (`PARSERS`). */
const REFERENCES = [
  "$ref",
  "$key",
  "$expr",
  "$field",
  "$encode",
  "$compare",
  "$context",
  "$subflow",
  "$tupleid",
];

/**
 * Every expression of a runtime dataflow spec (what `vega.parse` returns), found as
 * vega-runtime's parser finds them: operator updates; in operator parameters (and arrays of
 * them), `$expr` (with its `$params`), each set of `$encode` and, recursively, the dataflow of
 * a `$subflow` (a facet's, which the runtime parses only when data arrive); event stream
 * filters; and the targets and handlers of updates (with their `$params`). A parameter object
 * holding none of the runtime's reference keys is a plain value and is not searched, as the
 * runtime does not parse it.
 */
export function runtimeExpressions(runtime: unknown): CompiledExpression[] {
  const out: CompiledExpression[] = [];
  const single = (kind: Exclude<ExpressionKind, "encode">, code: string): void => {
    out.push({
      kind,
      key: expressionKey(kind, code),
      params: PARAMS[kind],
      body:
        kind === "handler" ? `var datum=event.item&&event.item.datum;${returning(code)}` : returning(code),
    });
  };
  const parameters = (params: unknown): void => {
    if (!isRecord(params)) return;
    for (const v of Object.values(params)) {
      if (Array.isArray(v)) v.forEach(parameter);
      else parameter(v);
    }
  };
  const parameter = (p: unknown): void => {
    if (!isRecord(p)) return;
    const ref = REFERENCES.find((k) => Object.hasOwn(p, k));
    if (ref === "$expr") {
      parameters(p.$params);
      single("parameter", codeOf("a $expr parameter", p.$expr));
    } else if (ref === "$encode" && isRecord(p.$encode)) {
      for (const set of Object.values(p.$encode)) {
        const e = isRecord(set) ? set.$expr : undefined;
        if (!isRecord(e) || typeof e.marktype !== "string" || !isRecord(e.channels))
          throw new Error("runtimeExpressions: an $encode set has no marktype and channels");
        for (const [name, c] of Object.entries(e.channels)) codeOf(`encode channel ${name}`, c);
        const enc = e as unknown as EncodeExpression;
        out.push({ kind: "encode", key: encodeKey(enc), params: PARAMS.encode, body: encodeBody(enc) });
      }
    } else if (ref === "$subflow") dataflow(p.$subflow);
  };
  const dataflow = (spec: unknown): void => {
    if (!isRecord(spec)) return;
    for (const op of Array.isArray(spec.operators) ? spec.operators : []) {
      if (!isRecord(op)) continue;
      const type = typeof op.type === "string" ? op.type.toLowerCase() : op.type;
      if ((type === "operator" || !type) && op.update)
        single("operator", codeOf("an operator update", op.update));
      parameters(op.params);
    }
    for (const s of Array.isArray(spec.streams) ? spec.streams : [])
      if (isRecord(s) && s.filter != null) single("event", codeOf("a stream filter", s.filter));
    for (const u of Array.isArray(spec.updates) ? spec.updates : []) {
      if (!isRecord(u)) continue;
      if (isRecord(u.target) && u.target.$expr !== undefined)
        single("event", codeOf("an update target", u.target.$expr));
      if (isRecord(u.update) && u.update.$expr !== undefined) {
        parameters(u.update.$params);
        single("handler", codeOf("an update handler", u.update.$expr));
      }
    }
  };
  dataflow(runtime);
  return out;
}

/**
 * The expressions of Vega specs, each key once, in first-seen order: each spec parsed by
 * `vega.parse` (the same parse the page runs, so the same code strings) and searched with
 * {@link runtimeExpressions}. The data of a spec play no part (a code string depends on the
 * spec's encodings, signals and transforms, not on rows), so specs whose datasets are named
 * but empty give the same table.
 * @throws Error when a spec does not parse.
 */
export function specExpressions(specs: readonly unknown[]): CompiledExpression[] {
  const seen = new Map<string, CompiledExpression>();
  for (const spec of specs)
    for (const e of runtimeExpressions(parse(spec as Spec))) if (!seen.has(e.key)) seen.set(e.key, e);
  return [...seen.values()];
}
