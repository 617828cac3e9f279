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
 */
import { type FrozenTrial, getKey } from "@tunelab/study";
import { checkStudy, panelSize } from "./checks.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";
import { stateColorScale } from "./states.js";

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
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Timeline: ${study.studyName}`,
    width,
    height,
    data: { values: rows },
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
      tooltip: [
        { field: "trial", type: "quantitative" },
        { field: "state", type: "nominal" },
        { field: "worker", type: "nominal" },
        { field: "seconds", type: "quantitative", title: "duration (s)", format: ".1f" },
      ],
    },
  };
}
