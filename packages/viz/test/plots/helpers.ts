/** Test helpers: counting the data marks in a rendered SVG, compiling a spec with warnings as errors. */
import { parse, View } from "vega";
import { compile } from "vega-lite";
import type { PlotSpec } from "../../src/plots/index.js";

/**
 * The data marks Vega drew, by mark type: the items of each `<g class="mark-TYPE role-mark">`
 * group (axes, legends and titles have other roles and are not counted).
 */
export function countMarks(svg: string, type: "symbol" | "line" | "rect" | "area" | "rule"): number {
  let count = 0;
  const open = new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>`, "g");
  for (const m of svg.matchAll(open)) {
    // Mark groups hold their items directly (no nested <g>), up to the group's </g>.
    const start = m.index + m[0].length;
    const body = svg.slice(start, svg.indexOf("</g>", start));
    count += (body.match(/<(path|line|rect)\b/g) ?? []).length;
  }
  return count;
}

/** Compiles with Vega-Lite, collecting its warnings (a valid spec of ours has none). */
export function compileWarnings(spec: PlotSpec): string[] {
  const warnings: string[] = [];
  const logger = {
    level: (): number => 2,
    error: (...a: unknown[]) => {
      warnings.push(`error: ${a.join(" ")}`);
      return logger;
    },
    warn: (...a: unknown[]) => {
      warnings.push(a.join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  compile(spec, { logger: logger as never });
  return warnings;
}

/**
 * The data of the items of every rule mark (role "mark") a spec draws, from its Vega view's
 * scenegraph in Node: what each drawn segment joins.
 */
export async function ruleData(spec: PlotSpec): Promise<Record<string, unknown>[]> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    await view.runAsync();
    const out: Record<string, unknown>[] = [];
    const walk = (node: {
      marktype?: string;
      role?: string;
      items?: { datum?: unknown; items?: unknown[] }[];
    }): void => {
      if (node.marktype === "rule" && node.role === "mark")
        for (const item of node.items ?? []) out.push(item.datum as Record<string, unknown>);
      for (const item of node.items ?? []) for (const child of item.items ?? []) walk(child as never);
    };
    walk((view.scenegraph() as unknown as { root: never }).root);
    return out;
  } finally {
    view.finalize();
  }
}
