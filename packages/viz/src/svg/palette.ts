/** The colours of plot series. */

/** A qualitative palette (Okabe-Ito, then Tableau). */
export const PALETTE: readonly string[] = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#8C564B",
  "#7F7F7F",
  "#BCBD22",
];
