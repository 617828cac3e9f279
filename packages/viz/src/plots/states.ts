/**
 * How a trial's state is drawn, the same in every plot: a fixed colour and shape per state
 * (Okabe–Ito colours, distinguishable with colour-blindness; the shape tells them apart in
 * grey too), so pruned and failed trials never look like completed ones.
 */
import type { TrialState } from "@tunelab/study";

/** The states in legend order. */
export const STATE_ORDER: readonly TrialState[] = ["COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"];

/** Colour per state, in `STATE_ORDER`. */
export const STATE_COLORS: readonly string[] = ["#0072B2", "#E69F00", "#D55E00", "#009E73", "#999999"];

/** Point shape per state, in `STATE_ORDER`. */
export const STATE_SHAPES: readonly string[] = ["circle", "triangle-up", "cross", "square", "diamond"];

/** A Vega-Lite colour scale for a `state` field. */
export function stateColorScale(): { domain: string[]; range: string[] } {
  return { domain: [...STATE_ORDER], range: [...STATE_COLORS] };
}

/** A Vega-Lite shape scale for a `state` field. */
export function stateShapeScale(): { domain: string[]; range: string[] } {
  return { domain: [...STATE_ORDER], range: [...STATE_SHAPES] };
}
