/**
 * Regenerates the PNG screenshots in this folder: each plot of the study report (a seeded
 * 200-trial single-objective study, a 2-objective and a 3-objective one, from
 * test/plots/seeded-study.ts), drawn by headless Chromium exactly as a report file draws it,
 * and the dashboard's study page. Seeded, so a rerun draws the same plots (PNG bytes may
 * differ with Chromium's version).
 *
 * Run: nice -n 19 npx tsx packages/viz/docs/screenshots.ts
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createStudy, InMemoryStorage } from "@tunelab/study";
import type { Page } from "playwright-core";
import { launchChromium } from "../bench/chromium.js";
import { startDashboard, storageSource } from "../src/dashboard/index.js";
import { type ReportStudy, studyReportHtml } from "../src/report/index.js";
import { seededMoStudy, seededStudy } from "../test/plots/seeded-study.js";

const DOCS = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "tunelab-screenshots-"));
const written: string[] = [];

async function shootPlots(
  page: Page,
  study: ReportStudy,
  prefix: string,
  only?: readonly string[],
): Promise<void> {
  const file = join(tmp, `${prefix}.html`);
  writeFileSync(file, await studyReportHtml(study, { now: Date.UTC(2026, 0, 2) }));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("body[data-rendered], body[data-render-error]");
  const error = await page.getAttribute("body", "data-render-error");
  if (error !== null) throw new Error(`${prefix}: ${error}`);
  for (const figure of await page.locator("figure.plot").all()) {
    const id = (await figure.getAttribute("data-plot"))!;
    if (only !== undefined && !only.includes(id)) continue;
    const name = `${prefix === "single" ? "" : `${prefix}-`}${id}.png`;
    await figure.locator("canvas").screenshot({ path: join(DOCS, name) });
    written.push(name);
  }
}

const context = await launchChromium();
try {
  const page = await context.newPage();
  await shootPlots(page, seededStudy(1, 200, "lr-search").study, "single");
  await shootPlots(page, seededMoStudy(2, 200, 2), "mo2", ["pareto-front", "hypervolume"]);
  await shootPlots(page, seededMoStudy(3, 200, 3), "mo3", ["pareto-front"]);

  // The dashboard: a study in an in-memory storage, its page as a browser window shows it.
  const storage = new InMemoryStorage();
  const sampler = {
    inferRelativeSearchSpace: () => ({}),
    sampleRelative: () => ({}),
    sampleIndependent: (): number => {
      throw new Error("no sampling");
    },
  };
  const study = await createStudy({ storage, studyName: "lr-search", sampler });
  await study.addTrials(seededStudy(1, 200).study.trials);
  await study.setUserAttr("dashboard:note", "lr around 1e-3 is best; sgd lags");
  const d = await startDashboard(storageSource(storage));
  try {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(`${d.url}study/lr-search`);
    await page.waitForSelector("body[data-rendered]");
    await page.screenshot({ path: join(DOCS, "dashboard.png") });
    written.push("dashboard.png");
  } finally {
    await d.close();
  }
} finally {
  await context.close();
}
console.log(`wrote ${written.length} PNGs to packages/viz/docs: ${written.join(", ")}`);
