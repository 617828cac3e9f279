/**
 * The benchmark's HTML report in a real browser: Debian's headless Chromium (driven by
 * playwright-core) opens report.html from disk and the plots must be drawn, i.e. every
 * `svg[data-plot]` has data series with a non-empty rendered geometry. Skipped, saying so,
 * only when /usr/bin/chromium is absent (CI installs it with scripts/ci/install-chromium.sh).
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { planBenchmark } from "../../benchmarks/src/runner/plan.js";
import { runBenchmark } from "../../benchmarks/src/runner/run-benchmark.js";
import type { SuiteDefinition } from "../../benchmarks/src/suites/suites.js";

const CHROMIUM = "/usr/bin/chromium";

/** The little of the SVG DOM the checks read (tsconfig.test.json has no DOM library). */
interface SvgNode {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number };
  getBBox(): { width: number; height: number };
  getTotalLength?: () => number;
  querySelectorAll(selector: string): ArrayLike<SvgNode>;
  tagName: string;
}
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `html-report.browser.test: SKIPPED, ${CHROMIUM} is absent (run scripts/ci/install-chromium.sh)`,
  );
}

const TINY: SuiteDefinition = {
  name: "tiny",
  description: "browser test suite",
  functions: ["branin", "zdt1-4"],
  trials: 20,
  seeds: 2,
};

describe.skipIf(!hasChromium)("the benchmark HTML report in headless Chromium", () => {
  it("opens from disk and draws every plot", async () => {
    const { files } = await runBenchmark(planBenchmark(TINY, { samplers: ["random", "grid"] }), {
      out: mkdtempSync(join(tmpdir(), "tunelab-report-")),
    });
    // A fresh profile: playwright passes it to Chromium as --user-data-dir.
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "tunelab-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(files.html).href, { waitUntil: "load" });
      const plots = await page.$$eval("svg[data-plot]", (elements) =>
        (elements as unknown as SvgNode[]).map((svg) => {
          const series = Array.from(svg.querySelectorAll(".series"));
          return {
            kind: svg.getAttribute("data-plot"),
            fn: svg.getAttribute("data-function"),
            width: svg.getBoundingClientRect().width,
            series: series.map((s) => {
              const box = s.getBBox();
              return {
                label: s.getAttribute("data-series"),
                points: Number(s.getAttribute("data-points")),
                w: box.width,
                h: box.height,
                length:
                  s.getTotalLength !== undefined ? s.getTotalLength() : s.querySelectorAll("circle").length,
              };
            }),
          };
        }),
      );
      expect(errors).toEqual([]);
      // Only the report itself was loaded: no server, no CDN.
      expect(requests.every((u) => u.startsWith("file://"))).toBe(true);
      const kinds = plots.map((p) => p.kind);
      expect(kinds.filter((k) => k === "regret").length).toBe(2); // branin and zdt1-4
      expect(kinds).toContain("pareto");
      expect(kinds).toContain("sampler-time");
      for (const p of plots) {
        expect(p.width).toBeGreaterThan(100);
        expect(p.series.length).toBeGreaterThan(0);
        for (const s of p.series) {
          expect(s.points).toBeGreaterThan(0);
          expect(s.length).toBeGreaterThan(0);
          expect(s.w + s.h).toBeGreaterThan(0);
        }
      }
      // The regret plot of branin shows both samplers.
      const branin = plots.find((p) => p.kind === "regret" && p.fn === "branin")!;
      expect(branin.series.map((s) => s.label).sort()).toEqual(["grid", "random"]);
      // The rank table is there.
      expect(await page.locator("table.ranks tbody tr").count()).toBe(2);
    } finally {
      await context.close();
    }
  });
});
