/**
 * One copy of each plot dataset in a page: every inline `data: { values }` of the plot specs
 * moves into one table of named datasets, and the spec refers to it by name
 * (`data: { name }`, Vega-Lite's top-level `datasets`). Datasets with the same rows (e.g. the
 * same trials drawn in two plots) are stored once. The page hands each plot only the
 * datasets it names.
 */
import { createHash } from "node:crypto";
import type { PlotSpec } from "../plots/index.js";

/** Specs whose data are named, the datasets by name, and which names each spec reads. */
export interface HoistedData {
  readonly specs: readonly PlotSpec[];
  readonly uses: readonly (readonly string[])[];
  readonly datasets: Readonly<Record<string, readonly unknown[]>>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Moves the inline data of `specs` into named datasets, identical rows stored once. A
 * dataset's name is a hash of its rows (`d` and 16 hex digits of SHA-1), so a spec's JSON
 * changes exactly when its data do (the dashboard redraws a plot on that signature). The
 * specs are copied where they change, never mutated.
 * @example
 * ```ts
 * const { specs, uses, datasets } = hoistDatasets(plots.map((p) => p.spec));
 * ```
 */
export function hoistDatasets(specs: readonly PlotSpec[]): HoistedData {
  const datasets: Record<string, readonly unknown[]> = {};
  const uses: string[][] = [];
  const walk = (node: unknown, used: Set<string>): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n, used));
    if (!isRecord(node)) return node;
    // Object.fromEntries defines own properties: a key "__proto__" stays a key.
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k !== "data" || !isRecord(v) || !Array.isArray(v.values) || Object.keys(v).length !== 1)
          return [k, walk(v, used)];
        const name = `d${createHash("sha1").update(JSON.stringify(v.values)).digest("hex").slice(0, 16)}`;
        if (!Object.hasOwn(datasets, name)) datasets[name] = v.values as unknown[];
        used.add(name);
        return [k, { name }];
      }),
    );
  };
  const hoisted = specs.map((s) => {
    const used = new Set<string>();
    const spec = walk(s, used) as PlotSpec;
    uses.push([...used]);
    return spec;
  });
  return { specs: hoisted, uses, datasets };
}
