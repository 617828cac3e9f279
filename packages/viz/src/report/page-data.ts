/**
 * A study as the data of a client-rendered page: every applicable plot's spec with its data
 * moved into shared named datasets (`hoistDatasets`) and compiled from Vega-Lite to Vega here,
 * in Node (`compileSpec`), so the page needs only the Vega runtime; a signature per plot (a
 * hash of its spec, which names its datasets by content hash); and the trial table as rows of
 * values for the page to show a page at a time. A named dataset compiles to a Vega data entry
 * `{ name }` with no values, which the page fills from the shared table: the same Vega spec
 * Vega-Lite gives when the datasets are inside the spec (tested).
 *
 * The specs are compiled with Vega-Lite's `aria: false` (config): no ARIA `description` string
 * per mark item. The page draws on a canvas, which has no element per item to carry them, so
 * they were computed for nothing: formatting every field of every item (d3-format) and the
 * garbage of the strings took about a tenth of a 10,000-trial page's main-thread time
 * (bench/profile-page.ts). Tooltips are their own channel and stay. The static report (SVG)
 * keeps them.
 */
import { createHash } from "node:crypto";
import { type FrozenTrial, TrialState } from "@tunelab/study";
import type { PageData } from "../page/client-script.js";
import { hoistDatasets } from "../page/datasets.js";
import type { StudyLike } from "../plots/index.js";
import { compileSpec } from "../plots/render.js";
import { applicablePlots } from "./applicable-plots.js";

/** What the page data read from a study: a `StudyLike` with its metric names when it has them. */
export interface PageStudy extends StudyLike {
  readonly metricNames?: readonly string[] | null;
}

/** Value column names of a study: its metric names, else "value" / "value k". */
export function valueNames(study: PageStudy): readonly string[] {
  const m = study.directions.length;
  return study.metricNames ?? Array.from({ length: m }, (_, k) => (m === 1 ? "value" : `value ${k}`));
}

/** The parameter names of `trials` in first-seen order. */
export function paramNames(trials: readonly FrozenTrial[]): string[] {
  return [...new Set(trials.flatMap((t) => Object.keys(t.distributions)))];
}

/** The trial table of `trials` (sorted by number): columns and one row of cell values per trial. */
export function trialTableData(study: PageStudy, trials: readonly FrozenTrial[]): PageData["table"] {
  const names = valueNames(study);
  const params = paramNames(trials);
  const m = names.length;
  return {
    columns: ["number", "state", ...names, "duration (s)", ...params],
    stateColumn: 1,
    rows: trials.map((t) => [
      t.number,
      t.state,
      ...Array.from({ length: m }, (_, k) => t.values?.[k] ?? null),
      t.duration === null ? null : Math.round(t.duration / 100) / 10,
      ...params.map((p) => (Object.hasOwn(t.params, p) ? (t.params[p] ?? null) : null)),
    ]),
  };
}

/** A one-line summary of `trials`: the count and the count of each state present. */
export function stateSummary(trials: readonly FrozenTrial[]): string {
  const parts = Object.values(TrialState)
    .map((s) => [s, trials.filter((t) => t.state === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return `${trials.length} trials${parts.length > 0 ? `: ${parts.join(", ")}` : ""}`;
}

/** Options of {@link studyPageData}. */
export interface PageDataOptions {
  /**
   * The most trials a per-trial plot draws (`applicablePlots`' `maxTrialsDrawn`): above it, the
   * best and a systematic sample, noted under the plot's heading. An integer >= 10 or Infinity.
   * @defaultValue 1000
   */
  readonly maxTrialsDrawn?: number;
}

/**
 * The page data of `study`: its applicable plots as Vega specs (named datasets, one copy each), a signature
 * per plot, the trial table of every trial and the summary line.
 * @example
 * ```ts
 * const data = studyPageData(study);
 * ```
 */
export function studyPageData(study: PageStudy, options: PageDataOptions = {}): PageData {
  const trials = [...study.trials].sort((a, b) => a.number - b.number);
  const plots = applicablePlots(study, { maxTrialsDrawn: options.maxTrialsDrawn ?? 1000 });
  const hoisted = hoistDatasets(plots.map((p) => p.spec));
  return {
    plots: plots.map((p, i) => {
      const vl = hoisted.specs[i]!;
      const spec = compileSpec({ ...vl, config: { ...vl.config, aria: false } } as typeof vl);
      return {
        id: p.id,
        heading: p.heading,
        note: p.note,
        spec,
        uses: hoisted.uses[i]!,
        sig: createHash("sha1").update(JSON.stringify(spec)).digest("hex").slice(0, 16),
      };
    }),
    datasets: hoisted.datasets,
    table: trialTableData(study, trials),
    summary: stateSummary(trials),
  };
}
