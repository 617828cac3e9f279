import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PageData } from "../../src/page/index.js";
import { hoistDatasets } from "../../src/page/index.js";
import { compileSpec, type PlotSpec } from "../../src/plots/index.js";
import { applicablePlots, studyPageData, studyReportHtml } from "../../src/report/index.js";
import { seededMoStudy, seededStudy } from "../plots/seeded-study.js";

/** The page data embedded in a report. */
function embedded(html: string): PageData {
  const m = /<script type="application\/json" id="tunelab-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as PageData;
}

describe("studyReportHtml (interactive, the default)", () => {
  it("embeds a spec per applicable plot, a figure for each, and every trial as table data", async () => {
    const { study } = seededStudy(1, 30);
    const html = await studyReportHtml(study, { now: 0 });
    const data = embedded(html);
    const ids = applicablePlots(study).map((p) => p.id);
    expect(data.plots.map((p) => p.id)).toEqual(ids);
    expect(html.match(/<figure class="plot" data-plot="[^"]+"><\/figure>/g)!.length).toBe(ids.length);
    expect(data.table.rows.length).toBe(30);
    expect(data.table.columns.slice(0, 3)).toEqual(["number", "state", "value"]);
    // Every dataset a plot names is in the page, and no spec carries inline rows.
    for (const p of data.plots) {
      for (const n of p.uses) expect(Object.hasOwn(data.datasets, n)).toBe(true);
      expect(JSON.stringify(p.spec)).not.toContain('"values":');
    }
  });

  it("allows exactly its inline scripts by hash: no unsafe-inline, no unsafe-eval, no network", async () => {
    const { study } = seededStudy(1, 12);
    const html = await studyReportHtml(study);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!.split(" ");
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'none'/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(scriptSrc.every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s))).toBe(true);
    // Each executable script's text hashes to one the policy lists (3: vega, the expression table, ours).
    const bodies = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(bodies.length).toBe(3);
    expect(scriptSrc.length).toBe(3);
    expect(bodies[1]).toContain("globalThis.tunelabExpressions.add(");
    for (const b of bodies)
      expect(scriptSrc).toContain(`'sha256-${createHash("sha256").update(b, "utf8").digest("base64")}'`);
    expect(html).not.toMatch(/<script[^>]+src=|<link /);
  });

  it("a user string cannot close the data block or the page: <, </script> and quotes are data", async () => {
    const evil = "</script><script>alert(1)</script>";
    const { study } = seededStudy(3, 12, evil);
    const html = await studyReportHtml({ ...study, userAttrs: { [evil]: evil } });
    // The only <script tags are the four the page writes (data + 3 scripts).
    expect(html.match(/<script/g)!.length).toBe(4);
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(embedded(html).plots[0]!.spec).toMatchObject({ title: { text: `Optimization history: ${evil}` } });
  });

  it("draws a sample of a large study's per-trial plots, saying so; the table keeps every trial", async () => {
    const { study } = seededStudy(2, 300);
    const data = studyPageData(study, { maxTrialsDrawn: 50 });
    const slice = data.plots.find((p) => p.id === "slice")!;
    expect(slice.note).toMatch(/^50 of \d+ trials drawn: the 5 best and 1 in [\d.]+ of the others$/);
    expect(data.plots.find((p) => p.id === "history")!.note).toMatch(
      /^points: about 50 of \d+ completed trials drawn \(every improvement kept\); the best-so-far line uses all$/,
    );
    expect(data.plots.find((p) => p.id === "edf")!.note).toMatch(
      /^curve: \d+ points for \d+ completed trials, within 1\/50 of the exact curve everywhere \(min and max kept\)$/,
    );
    expect(data.plots.find((p) => p.id === "timeline")!.note).toMatch(
      /^300 trials drawn as \d+ bars: consecutive trials of one worker and state at most (a pixel|\d+ pixels) \([\d.]+ (s|min)\) apart merged/,
    );
    // The EDF and the timeline draw at most the limit (the same specs, before compiling).
    const specs = applicablePlots(study, { maxTrialsDrawn: 50 });
    const count = (id: string): number =>
      (specs.find((p) => p.id === id)!.spec.data as { values: unknown[] }).values.length;
    expect(count("edf")).toBeLessThanOrEqual(50);
    expect(count("timeline")).toBeLessThanOrEqual(50);
    expect(count("timeline")).toBeGreaterThan(0);
    // Below the limit, every trial: no note.
    const all = studyPageData(study, { maxTrialsDrawn: 300 });
    for (const id of ["edf", "timeline"]) expect(all.plots.find((p) => p.id === id)!.note).toBe("");
    expect(data.table.rows.length).toBe(300);
    // Intermediate values: 5 steps a curve fit the width, so only the sample's note.
    expect(data.plots.find((p) => p.id === "intermediate")!.note).toMatch(/^50 of \d+ trials drawn: /);
    expect(all.plots.find((p) => p.id === "intermediate")!.note).toBe("");
    const html = await studyReportHtml(study, { maxTrialsDrawn: 50 });
    expect(html).toContain('<p class="note sample">50 of ');
  });

  it("draws long learning curves with the reports that change them at the plot's width, saying so", () => {
    const { study } = seededStudy(2, 40);
    const long = study.trials.map((t) =>
      t.intermediateValues.size === 0
        ? t
        : {
            ...t,
            intermediateValues: new Map(
              Array.from({ length: 3000 }, (_, s) => [s, Math.cos(s / 7) / (1 + s)]),
            ),
          },
    );
    const curves = long.filter((t) => t.intermediateValues.size > 0).length;
    const data = applicablePlots({ ...study, trials: long }, { maxTrialsDrawn: 10 });
    const p = data.find((x) => x.id === "intermediate")!;
    expect(p.note).toMatch(
      new RegExp(
        `^10 of ${curves} trials drawn: .*; curves: [\\d,]+ of 30,000 reported values drawn: per curve, the first, last, lowest and highest of each pixel column`,
      ),
    );
    expect((p.spec.data as { values: unknown[] }).values.length).toBeLessThan(30_000);
  });

  it("ships Vega specs compiled in Node (aria off): with its named datasets filled in, each is what Vega-Lite compiles with the datasets inside", () => {
    for (const study of [seededStudy(4, 60).study, seededMoStudy(5, 40, 3)]) {
      const data = studyPageData(study);
      const vl = applicablePlots(study).map((p) => p.spec);
      expect(data.plots.length).toBe(vl.length);
      data.plots.forEach((p, i) => {
        const spec = p.spec as { $schema: string; data: { name: string; values?: unknown }[] };
        expect(spec.$schema).toMatch(/vega\/v6/);
        const filled = {
          ...spec,
          data: spec.data.map((d) =>
            Object.keys(d).length === 1 && p.uses.includes(d.name)
              ? { name: d.name, values: data.datasets[d.name] }
              : d,
          ),
        };
        const hoisted = hoistDatasets([vl[i]!]);
        expect(JSON.parse(JSON.stringify(filled))).toEqual(
          JSON.parse(
            JSON.stringify(
              compileSpec({
                ...hoisted.specs[0]!,
                datasets: hoisted.datasets,
                config: { ...hoisted.specs[0]!.config, aria: false },
              } as PlotSpec),
            ),
          ),
        );
      });
    }
  });

  it("compiles without ARIA descriptions (the canvas has no element to carry them) and keeps tooltips", () => {
    const data = studyPageData(seededStudy(1, 60).study);
    const text = JSON.stringify(data.plots.map((p) => p.spec));
    expect(text).not.toContain('"description":{"signal"');
    expect(text).toContain('"tooltip":{"signal"');
  });

  it("two objectives: the Pareto-front plots and a value column per objective", async () => {
    const data = studyPageData(seededMoStudy(2, 20, 2));
    expect(data.plots.map((p) => p.id)[0]).toBe("pareto-front");
    expect(data.table.columns.slice(0, 4)).toEqual(["number", "state", "value 0", "value 1"]);
  });

  it("refuses an unknown mode", async () => {
    const { study } = seededStudy(1, 5);
    await expect(studyReportHtml(study, { mode: "pdf" as "static" })).rejects.toThrow(
      /studyReportHtml: mode must be "interactive" or "static", got "pdf"/,
    );
  });
});
