/**
 * The order a client-rendered page draws its plots in (headless Chromium, test/browser.ts):
 * the plots on screen first, then the others, each painted as it is drawn. The page below
 * lists a plot first whose figure sits far below the first screen (the figures are laid out
 * in reverse with CSS), so page order and screen order differ.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { clientPage } from "../../src/page/index.js";
import { studyPageData } from "../../src/report/index.js";
import { chromiumAvailable, launchChromium } from "../browser.js";
import { seededStudy } from "../plots/seeded-study.js";

describe.skipIf(!chromiumAvailable("draw-order.browser.test"))(
  "the draw order of a client-rendered page",
  () => {
    it("draws the plot on screen before one listed earlier but off screen, and marks the first screen", async () => {
      const data = studyPageData(seededStudy(1, 40).study);
      const [below, top] = [data.plots[0]!, data.plots[1]!];
      const body = `<div id="plots" style="display:flex;flex-direction:column-reverse">
<figure class="plot" data-plot="${below.id}"></figure><div style="height:4000px"></div>
<figure class="plot" data-plot="${top.id}"></figure></div>`;
      const path = join(mkdtempSync(join(tmpdir(), "tunelab-order-")), "page.html");
      writeFileSync(path, clientPage({ title: "order", body, data: { ...data, plots: [below, top] } }));
      const context = await launchChromium();
      try {
        const page = await context.newPage();
        await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
        await page.waitForSelector("body[data-rendered], body[data-render-error]");
        expect(await page.getAttribute("body", "data-render-error")).toBeNull();
        expect(await page.getAttribute(`figure[data-plot="${top.id}"]`, "data-draw-seq")).toBe("1");
        expect(await page.getAttribute(`figure[data-plot="${below.id}"]`, "data-draw-seq")).toBe("2");
        const first = Number(await page.getAttribute("body", "data-first-plot-ms"));
        const screen = Number(await page.getAttribute("body", "data-first-screen-ms"));
        expect(first).toBeGreaterThan(0);
        expect(screen).toBeGreaterThanOrEqual(first);
      } finally {
        await context.close();
      }
    });
  },
);
