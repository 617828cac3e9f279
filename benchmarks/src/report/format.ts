/** Number formatting shared by the terminal, Markdown and HTML reports. */

/** A score with 2 decimals ("n/a" for NaN). */
export function fmt(x: number, digits = 2): string {
  if (Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return x.toFixed(digits);
}

/** A p-value: 3 significant digits, "<1e-4" below. */
export function fmtP(p: number): string {
  if (Number.isNaN(p)) return "n/a";
  if (p < 1e-4) return "<1e-4";
  return p.toPrecision(3);
}

/** A duration in ms with a sensible unit. */
export function fmtMs(ms: number): string {
  if (Number.isNaN(ms)) return "n/a";
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 1000) return `${ms.toFixed(2)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** What the score of a metric means, for table captions. */
export function metricCaption(metric: string): string {
  switch (metric) {
    case "log10-regret":
      return "log10 regret (best - optimum, floored at 1e-12)";
    case "normalized-regret":
      return "normalized regret (0 = best value any run found, 1 = median observed value)";
    case "log10-hv-gap":
      return "log10 relative hypervolume gap (1 - HV/HV*)";
    default:
      return metric;
  }
}

/** Pads cells into an aligned text table. */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly boolean[] = [],
): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, j) => (alignRight[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A Markdown table. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly boolean[] = [],
): string {
  const sep = header.map((_, j) => (alignRight[j] ? "---:" : "---"));
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(sep), ...rows.map(line)].join("\n");
}
