/**
 * The timeline: each started trial as a bar from its start to its end, on the lane of the
 * worker that ran it, coloured by state (Optuna's `plot_timeline`, optuna/visualization/
 * _timeline.py, v5.0.0-rc1, draws one row per trial; a row per worker shows how busy the
 * workers were and where they idled). A running trial's bar ends at `now`.
 *
 * Workers: `worker(trial)` when given; otherwise a trial's `worker` user or system attribute
 * when it has one; otherwise lanes are inferred: trials in order of start take the lowest lane
 * free at their start (interval-graph colouring), which uses as many lanes as the most trials
 * that ran at once, i.e. the workers of a study whose workers were always busy.
 *
 * Large studies (`maxBars`): above the limit, the bars of each worker and state that touch at
 * the plot's resolution (one starting at most a pixel, time span / width, after the previous
 * one's end) are merged into one bar per run (`mergeRuns`, `plots/thin.ts`); failed and pruned
 * trials keep a bar each when that alone brings the count within the limit. Otherwise they are
 * merged too, and when the runs still exceed the limit (trials of a state more than a pixel
 * apart: e.g. a failure every ~600 s on a lane of a 300,000 s study at 600 px, 500 s a pixel)
 * the gap bridged doubles (2, 4, ... pixels) until they fit. Merged bars are drawn under the
 * failed and pruned ones, and the spec's `description` says what was merged and the gap.
 */
import { type FrozenTrial, getKey } from "@tunelab/study";
import { checkStudy, panelSize } from "./checks.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";
import { stateColorScale } from "./states.js";
import { checkMaxPoints, mergeRuns } from "./thin.js";

/** Options of {@link timelinePlot}. */
export interface TimelineOptions extends SizeOptions {
  /**
   * The worker (lane) of a trial.
   * @defaultValue the trial's `worker` user or system attribute, else inferred lanes ("lane 0", ...)
   */
  readonly worker?: (trial: FrozenTrial) => string;
  /**
   * Where running trials end, in epoch milliseconds.
   * @defaultValue the latest start or end time in the study
   */
  readonly now?: number;
  /**
   * The most bars drawn (an integer >= 10, or Infinity). Above it, touching bars of one worker
   * and state are merged (runs whose gaps are at most a pixel); every failed and pruned trial
   * keeps its bar when the merged others and they fit within the limit; else all states are
   * merged, bridging gaps of 1, 2, 4, ... pixels until the bars fit (or one bar per worker and
   * state, which may still exceed a limit below workers x states). At or below the limit every
   * trial has its bar.
   * @defaultValue Infinity
   */
  readonly maxBars?: number;
}

/** What {@link timelinePlot} merged (said in its spec's `description`). */
interface TimelineMerge {
  /** Started trials. */
  readonly trials: number;
  /** Bars drawn. */
  readonly bars: number;
  /** Whether failed and pruned trials kept a bar each. */
  readonly failPrunedKept: boolean;
  /** The largest gap bridged, in pixels of the plot (1, 2, 4, ...) */
  readonly pixels: number;
  /** The same in seconds. */
  readonly gapSeconds: number;
}

/** Drawn first (underneath) to last (on top) when bars are merged. */
const LAYER: Readonly<Record<string, number>> = { COMPLETE: 0, WAITING: 1, RUNNING: 2, PRUNED: 3, FAIL: 4 };
const layerOf = (state: string): number => LAYER[state] ?? 0;
const failOrPruned = (state: string): boolean => state === "FAIL" || state === "PRUNED";

/** A one-line account of a merge, e.g. for a report's note under the plot's heading. */
function timelineMergeNote(m: TimelineMerge): string {
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const gap = m.gapSeconds >= 120 ? `${(m.gapSeconds / 60).toFixed(1)} min` : `${m.gapSeconds.toFixed(1)} s`;
  return `${fmt(m.trials)} trials drawn as ${fmt(m.bars)} bars: consecutive trials of one worker and state at most ${m.pixels === 1 ? "a pixel" : `${m.pixels} pixels`} (${gap}) apart merged${m.failPrunedKept ? "; every failed and pruned trial has its own bar" : ", failed and pruned ones too"}`;
}

function attrWorker(t: FrozenTrial): string | null {
  for (const attrs of [t.userAttrs, t.systemAttrs]) {
    const w = getKey(attrs, "worker");
    if (typeof w === "string" || typeof w === "number") return String(w);
  }
  return null;
}

/** A timeline plot of the study's started trials. */
export function timelinePlot(study: StudyLike, options: TimelineOptions = {}): PlotSpec {
  const where = "timelinePlot";
  checkStudy(where, study);
  const { width, height } = panelSize(where, { width: 600, ...options });
  const maxBars = checkMaxPoints(where, options.maxBars);
  const started = study.trials
    .filter((t) => t.datetimeStart !== null)
    .sort((a, b) => a.datetimeStart!.getTime() - b.datetimeStart!.getTime() || a.number - b.number);
  let latest = Number.NEGATIVE_INFINITY;
  for (const t of started)
    latest = Math.max(latest, t.datetimeStart!.getTime(), t.datetimeComplete?.getTime() ?? -Infinity);
  const now = options.now ?? latest;
  if (!Number.isFinite(now)) {
    if (started.length > 0 || options.now !== undefined)
      throw new RangeError(
        `${where}: now must be a finite time in epoch milliseconds, got ${String(options.now)}`,
      );
  }
  const haveAttr =
    options.worker === undefined && started.length > 0 && started.every((t) => attrWorker(t) !== null);
  const laneEnds: number[] = [];
  const rows = started.map((t) => {
    const start = t.datetimeStart!.getTime();
    const end = Math.max(start, t.datetimeComplete?.getTime() ?? now);
    let worker: string;
    if (options.worker !== undefined) worker = String(options.worker(t));
    else if (haveAttr) worker = attrWorker(t)!;
    else {
      let lane = laneEnds.findIndex((e) => e <= start);
      if (lane < 0) lane = laneEnds.push(end) - 1;
      else laneEnds[lane] = end;
      worker = `lane ${lane}`;
    }
    return { trial: t.number, state: t.state, worker, start, end, seconds: (end - start) / 1000 };
  });
  const merged = rows.length > maxBars ? mergeBars(rows, width, maxBars) : null;
  const tooltip = [
    { field: "trial", type: "quantitative" as const, ...(merged === null ? {} : { title: "first trial" }) },
    ...(merged === null
      ? []
      : [
          { field: "lastTrial", type: "quantitative" as const, title: "last trial" },
          { field: "trials", type: "quantitative" as const, title: "trials" },
        ]),
    { field: "state", type: "nominal" as const },
    { field: "worker", type: "nominal" as const },
    { field: "seconds", type: "quantitative" as const, title: "duration (s)", format: ".1f" },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Timeline: ${study.studyName}`,
    ...(merged === null ? {} : { description: timelineMergeNote(merged.merge) }),
    width,
    height,
    data: { values: merged === null ? rows : merged.rows },
    mark: { type: "bar", height: { band: 0.8 }, stroke: "#fff", strokeWidth: 0.3 },
    encoding: {
      y: { field: "worker", type: "nominal", title: "worker", sort: null },
      x: {
        field: "start",
        type: "temporal",
        title: "time (UTC)",
        scale: { type: "utc" },
        axis: { format: "%H:%M:%S" },
      },
      x2: { field: "end" },
      color: { field: "state", type: "nominal", title: "state", scale: stateColorScale() },
      tooltip,
    },
  };
}

type Row = { trial: number; state: string; worker: string; start: number; end: number; seconds: number };

/** Merges touching bars (see {@link TimelineOptions.maxBars}). */
function mergeBars(
  rows: readonly Row[],
  width: number,
  maxBars: number,
): { rows: (Row & { lastTrial: number; trials: number })[]; merge: TimelineMerge } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    lo = Math.min(lo, r.start);
    hi = Math.max(hi, r.end);
  }
  const pixel = (hi - lo) / width;
  const others = mergeRuns(rows, pixel, (b) => !failOrPruned(b.state), layerOf);
  const failPrunedKept = others.length <= maxBars;
  // Else every state merged, bridging one pixel, then 2, 4, ... until the runs fit (or the
  // gap spans the whole plot: one run per worker and state).
  let gap = pixel;
  let runs = others;
  if (!failPrunedKept)
    for (;;) {
      runs = mergeRuns(rows, gap, () => true, layerOf);
      if (runs.length <= maxBars || gap >= hi - lo) break;
      gap *= 2;
    }
  const out = runs.map((r) => ({ ...r, seconds: (r.end - r.start) / 1000 }));
  return {
    rows: out,
    merge: {
      trials: rows.length,
      bars: out.length,
      failPrunedKept,
      pixels: pixel > 0 ? gap / pixel : 1,
      gapSeconds: gap / 1000,
    },
  };
}
