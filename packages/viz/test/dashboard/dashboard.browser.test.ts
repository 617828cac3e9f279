/**
 * The dashboard in a real browser: a journal-file study (written by one JournalStorage, as a
 * worker process would, and read by the dashboard through another on the same file), opened
 * in headless Chromium (test/browser.ts). Every plot is drawn with the right number of marks
 * (from its Vega view's scenegraph), trials added through the storage appear without a
 * reload, a study named `<script>` shows as text, the state filter and the note work, and
 * the page asks nothing of any other origin; when new data bring Vega expressions the page's
 * inline table lacks, the page loads the server's table for them and redraws.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JournalFileBackend, JournalStorage } from "@tunelab/storage/journal";
import { InMemoryStorage, type Storage, TrialState } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { startDashboard, storageSource } from "../../src/dashboard/index.js";
import { applicablePlots } from "../../src/report/index.js";
import { chromiumAvailable, hoverTooltip, launchChromium, markCounts } from "../browser.js";
import { addSeededTrials, storedStudy } from "./stored-study.js";

describe.skipIf(!chromiumAvailable("dashboard.browser.test"))("the dashboard in headless Chromium", () => {
  it("draws a journal study's plots, updates live as trials are added, shows <script> as text, saves a note", async () => {
    const name = "<script>window.pwned=1</script>";
    const file = join(mkdtempSync(join(tmpdir(), "tunelab-dashboard-")), "study.log");
    const writer = new JournalStorage(await JournalFileBackend.open(file));
    const reader = new JournalStorage(await JournalFileBackend.open(file));
    const { study, counts } = await storedStudy(writer, name, 30);
    const d = await startDashboard(storageSource(reader), { pollMs: 200 });
    const context = await launchChromium();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const foreign: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("request", (r) => {
        if (!r.url().startsWith(d.url)) foreign.push(r.url());
      });
      await page.goto(d.url);
      await page.click("#studies a");
      await page.waitForSelector("body[data-rendered]");
      expect(await page.locator("#study-name").textContent()).toBe(name);
      expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
      let marks = new Map((await markCounts(page)).map((m) => [m.id, m]));
      // Every applicable plot (the list is applicablePlots', tested in report/), each drawn.
      expect([...marks.keys()]).toEqual(applicablePlots(await loadedStudy(reader, name)).map((p) => p.id));
      for (const m of marks.values()) expect(m.canvas).toBe(true);
      expect(marks.get("history")!.symbols).toBe(counts.complete);
      expect(marks.get("slice")!.symbols).toBe(3 * counts.complete);
      expect(marks.get("intermediate")!.rules).toBe(4 * counts.complete + 2 * counts.pruned);
      expect(marks.get("timeline")!.rects).toBe(30);
      expect(await page.locator("#trials tbody tr").count()).toBe(30);

      // A worker adds 10 trials through its own storage: the page redraws without a reload.
      await addSeededTrials(study, 30, 40);
      const complete = (await writer.getTrials(study.studyId)).trials.filter(
        (t) => t.state === TrialState.COMPLETE,
      ).length;
      await page.waitForSelector("body[data-updates]", { timeout: 30_000 });
      await page.waitForFunction(
        `window.tunelabViews.timeline && document.querySelectorAll("#trials tbody tr").length === 40`,
      );
      marks = new Map((await markCounts(page)).map((m) => [m.id, m]));
      expect(marks.get("history")!.symbols).toBe(complete);
      expect(marks.get("timeline")!.rects).toBe(40);
      expect(await page.locator("#summary-line").textContent()).toMatch(/^40 trials: /);

      // The state filter, and the note (a study user attr, posted with the CSRF token).
      await page.selectOption("#trials-state", "PRUNED");
      const pruned = (await writer.getTrials(study.studyId)).trials.filter(
        (t) => t.state === TrialState.PRUNED,
      ).length;
      expect(await page.locator("#trials tbody tr").count()).toBe(pruned);
      await page.fill("#note", "lr above 1e-2 diverges <b>");
      await Promise.all([
        page.waitForURL(`${d.url}study/${encodeURIComponent(name)}`),
        page.click("#note-form button"),
      ]);
      expect(await page.inputValue("#note")).toBe("lr above 1e-2 diverges <b>");
      expect((await writer.getStudyUserAttrs(study.studyId))["dashboard:note"]).toBe(
        "lr above 1e-2 diverges <b>",
      );
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
      await d.close();
      await writer.close();
      await reader.close();
    }
  });

  it("loads a further expression table from its server when live data bring new expressions (the timeline merged past the limit)", async () => {
    const storage = new InMemoryStorage();
    const { study } = await storedStudy(storage, "growing", 10);
    const d = await startDashboard(storageSource(storage), { pollMs: 200, maxTrialsDrawn: 10 });
    const context = await launchChromium();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const tables: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("request", (r) => {
        if (r.url().includes("/api/expressions/")) tables.push(r.url());
      });
      await page.goto(`${d.url}study/growing`);
      await page.waitForSelector("body[data-rendered]");
      expect(tables).toEqual([]);
      expect(await hoverTooltip(page, "timeline", "rect")).toMatch(/^trial: \d+\n/);
      const before = (await page.evaluate("globalThis.tunelabExpressions.size()")) as number;
      // 10 more trials: above maxTrialsDrawn the timeline merges runs, with a tooltip of its own.
      await addSeededTrials(study, 10, 20);
      await page.waitForSelector("body[data-updates]", { timeout: 30_000 });
      await page.waitForFunction(`document.querySelectorAll("#trials tbody tr").length === 20`);
      expect(tables.length).toBe(1);
      expect((await page.evaluate("globalThis.tunelabExpressions.size()")) as number).toBeGreaterThan(before);
      expect(await page.getAttribute("body", "data-render-error")).toBeNull();
      const marks = new Map((await markCounts(page)).map((m) => [m.id, m]));
      expect(marks.get("timeline")!.rects).toBeLessThanOrEqual(10);
      expect(await hoverTooltip(page, "timeline", "rect")).toMatch(/^first trial: \d+\nlast trial: \d+\n/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await d.close();
    }
  });
});

/** The study as the dashboard reads it. */
async function loadedStudy(storage: Storage, name: string) {
  const snap = await storageSource(storage).snapshot(name);
  return snap!.study;
}
