/**
 * What every plot returns and reads: a Vega-Lite specification, and the little of a study a
 * plot needs (`StudyLike`), so a plot draws a live `Study`, a loaded one or a plain record of
 * trials read from a JSON export.
 */
import type { FrozenTrial, StudyDirection } from "@tunelab/study";
import type { TopLevelSpec } from "vega-lite";
import type { Transform } from "vega-lite/types_unstable/transform.js";

/** A Vega-Lite (v6) specification: plain JSON a user may restyle before rendering. */
export type PlotSpec = TopLevelSpec;

/** What a plot reads from a study: its name, its directions and its trials. */
export interface StudyLike {
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly trials: readonly FrozenTrial[];
}

/** The `$schema` every spec carries (Vega-Lite 6, as pinned in package.json). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Size options shared by every plot. */
export interface SizeOptions {
  /**
   * Width of one panel, in pixels.
   * @defaultValue 400
   */
  readonly width?: number;
  /**
   * Height of one panel, in pixels.
   * @defaultValue 300
   */
  readonly height?: number;
}

/**
 * A user string made safe as an axis or legend title. Vega 6.4 fails to parse a spec whose
 * axis or legend title is the name of an `Object.prototype` member ("toString", "constructor",
 * "valueOf", ...: "Operator not defined", found by test/plots/params.test.ts); such a title
 * gets a zero-width space appended, so it reads the same and parses.
 */
export function safeTitle(s: string): string {
  return s !== "__proto__" && s in Object.prototype ? `${s}\u200b` : s;
}

/**
 * The transforms that turn a curve per trial (rows with `trial`, an order field and x/y
 * fields) into its segments for one `rule` mark: each row joined to the trial's next one in
 * `order` (`x2Field`, `y2Field`), the last row of each trial dropped. Drawn this way a
 * thousand curves are one mark, where a `line` mark with a `detail` channel is a Vega-Lite
 * facet with a dataflow per trial.
 */
export function segmentTransforms(
  order: string,
  x: string,
  y: string,
  x2Field: string,
  y2Field: string,
): Transform[] {
  return [
    {
      window: [
        { op: "lead", field: x, as: x2Field },
        { op: "lead", field: y, as: y2Field },
      ],
      groupby: ["trial"],
      sort: [{ field: order, order: "ascending" }],
    },
    // Not a `valid` predicate: it drops strings (isNaN), and a categorical axis's x is one.
    { filter: `datum[${JSON.stringify(x2Field)}] != null` },
  ];
}
