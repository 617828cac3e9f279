import { describe, expect, it } from "vitest";
import { applicablePlots, studyReportHtml } from "../../src/report/index.js";
import { countMarks } from "../plots/helpers.js";
import { seededMoStudy, seededStudy } from "../plots/seeded-study.js";

describe("applicablePlots", () => {
  it("single objective with parameters and curves: every plot but the multi-objective ones", () => {
    const { study } = seededStudy(1, 30);
    expect(applicablePlots(study).map((p) => p.id)).toEqual([
      "history",
      "edf",
      "intermediate",
      "slice",
      "parallel",
      "contour",
      "rank",
      "importances",
      "timeline",
    ]);
  });

  it("two objectives: Pareto front, hypervolume, and slice and rank per objective", () => {
    expect(applicablePlots(seededMoStudy(2, 20, 2)).map((p) => p.id)).toEqual([
      "pareto-front",
      "hypervolume",
      "slice-0",
      "rank-0",
      "slice-1",
      "rank-1",
      "timeline",
    ]);
  });

  it("a study with no trial has no plot", () => {
    expect(applicablePlots({ studyName: "e", directions: ["minimize"], trials: [] })).toEqual([]);
  });
});

describe("studyReportHtml (static)", () => {
  it("holds the summary, the best trial, a row per trial and an inline SVG per applicable plot", async () => {
    const { study, counts } = seededStudy(1, 30);
    const html = await studyReportHtml(study, { now: 0, mode: "static" });
    expect(html).toContain("1970-01-01T00:00:00.000Z");
    expect(html.match(/<tr data-trial=/g)!.length).toBe(30 + 1); // the trial table and the best trial
    expect(html.match(/<figure class="plot"/g)!.length).toBe(applicablePlots(study).length);
    expect(html).toContain(`<th class="s">PRUNED</th><td>${counts.pruned}</td>`);
    const history = html.slice(html.indexOf('data-plot="history"'), html.indexOf('data-plot="edf"'));
    expect(countMarks(history, "symbol")).toBe(counts.complete);
    // No script and no URL to load: the file opens offline.
    expect(html).not.toMatch(/<script|src=|href=/);
  });

  it("escapes every user string: study name, parameter names and values, user attributes", async () => {
    const evil = "<script>alert(1)</script>";
    const { study } = seededStudy(3, 12, evil);
    const html = await studyReportHtml({ ...study, userAttrs: { [evil]: evil } }, { mode: "static" });
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<b>rms</b>"); // a categorical choice of the seeded study
  });

  it("lists only the last maxTableRows trials, saying so", async () => {
    const { study } = seededStudy(1, 30);
    const html = await studyReportHtml(study, { maxTableRows: 5, mode: "static" });
    expect(html).toContain("The last 5 of 30 trials.");
    await expect(studyReportHtml(study, { maxTableRows: -1 })).rejects.toThrow(
      /maxTableRows must be an integer in \[0, 1000000\], got -1/,
    );
  });
});
