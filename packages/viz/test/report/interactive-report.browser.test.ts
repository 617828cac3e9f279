/**
 * The interactive study report in a real browser: headless Chromium (test/browser.ts) opens
 * report.html from disk with every request outside the file refused and recorded; every plot
 * must be drawn on a canvas with the expected number of marks (read from its Vega view's
 * scenegraph), no script may be blocked by the page's CSP (a blocked script is a console
 * error), tooltips show (the specs' expressions run from the page's compiled table), the trial
 * table pages, and a study named `<script>` shows as text and runs nothing.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { applicablePlots, writeStudyReport } from "../../src/report/index.js";
import { chromiumAvailable, hoverTooltip, launchChromium, markCounts } from "../browser.js";
import { seededStudy } from "../plots/seeded-study.js";

describe.skipIf(!chromiumAvailable("interactive-report.browser.test"))(
  "the interactive study report in headless Chromium",
  () => {
    it("draws every plot on a canvas with its marks, loads nothing, shows <script> as text, pages the table", async () => {
      const name = "<script>window.pwned=1</script>";
      const { study, counts } = seededStudy(1, 130, name);
      const path = join(mkdtempSync(join(tmpdir(), "tunelab-report-")), "report.html");
      await writeStudyReport(study, path);
      const context = await launchChromium();
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        const refused: string[] = [];
        await page.route("**/*", (route) => {
          const url = route.request().url();
          if (url === pathToFileURL(path).href) return route.continue();
          refused.push(url);
          return route.abort();
        });
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
        await page.waitForSelector("body[data-rendered], body[data-render-error]");
        expect(await page.getAttribute("body", "data-render-error")).toBeNull();
        expect(errors).toEqual([]);
        expect(refused).toEqual([]);
        const marks = await markCounts(page);
        const byId = new Map(marks.map((m) => [m.id, m]));
        expect([...byId.keys()]).toEqual(applicablePlots(study).map((p) => p.id));
        for (const id of [
          "history",
          "edf",
          "intermediate",
          "slice",
          "parallel",
          "contour",
          "rank",
          "timeline",
        ])
          expect(byId.has(id)).toBe(true);
        for (const m of marks) expect(m.canvas).toBe(true);
        expect(byId.get("history")!.symbols).toBe(counts.complete);
        expect(byId.get("intermediate")!.rules).toBe(4 * counts.complete + 2 * counts.pruned);
        expect(byId.get("slice")!.symbols).toBe(3 * counts.complete);
        expect(byId.get("parallel")!.rules).toBe(4 + 3 * counts.complete); // 4 axes, 3 segments a trial
        expect(byId.get("rank")!.symbols).toBe(3 * counts.complete);
        expect(byId.get("timeline")!.rects).toBe(130);
        expect(byId.get("edf")!.lines).toBe(1);
        // Tooltips: Vega's handler, running the spec's compiled tooltip expressions.
        expect(await hoverTooltip(page, "timeline", "rect")).toMatch(/trial: \d+\nstate: /);
        expect(await hoverTooltip(page, "intermediate", "symbol")).toMatch(/^trial: \d+\nstep: \d+\nvalue: /);
        expect(await page.locator("#study-name").textContent()).toBe(name);
        expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
        // The table shows 100 rows a page, from the embedded rows; categorical labels as text.
        expect(await page.locator("#trials tbody tr").count()).toBe(100);
        await page.click("#trials-next");
        expect(await page.locator("#trials tbody tr").count()).toBe(30);
        expect(await page.locator("#trials-page").textContent()).toBe("trials 101-130 of 130 (page 2 of 2)");
        await page.selectOption("#trials-state", "PRUNED");
        expect(await page.locator("#trials tbody tr").count()).toBe(counts.pruned);
        expect(await page.locator("#trials td", { hasText: "<b>rms</b>" }).count()).toBeGreaterThan(0);
        expect(await page.locator("#trials b").count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  },
);
