/**
 * The benchmark report in a real browser: Debian's headless Chromium (driven by playwright-core)
 * opens report.html from disk. Every chart (Vega-Lite rendered to inline SVG in Node) must draw
 * its marks: a line path per method and a band per method on the score charts, a point per
 * front point and analytic-front point on the Pareto chart, a line per method on the
 * sampler-time chart; nothing but the file may be loaded, no error raised, and a method named
 * `<script>...` must show as text and run nothing. Skipped, saying so, only when
 * /usr/bin/chromium is absent, except under CI=true, where that fails (CI installs it with
 * scripts/ci/install-chromium.sh).
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { planBenchmark } from "../../src/runner/plan.js";
import { type BenchmarkResults, runBenchmark } from "../../src/runner/run-benchmark.js";
import { TINY, TINY_SAMPLERS } from "../runner/tiny-suite.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === "true")
    throw new Error(
      `html-report.browser.test: ${CHROMIUM} is absent under CI=true (run scripts/ci/install-chromium.sh)`,
    );
  console.warn(
    `html-report.browser.test: SKIPPED, ${CHROMIUM} is absent (run scripts/ci/install-chromium.sh)`,
  );
}

/** The little of the DOM the checks read (tsconfig.test.json has no DOM library). */
interface Node {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
  querySelectorAll(selector: string): ArrayLike<Node>;
  textContent: string | null;
}

const EVIL = "<script>window.pwned=1</script>";

describe.skipIf(!hasChromium)("the benchmark report in headless Chromium", () => {
  it("opens from disk, draws every chart with its marks, fetches nothing, shows a <script> method as text", async () => {
    const { results } = await runBenchmark(planBenchmark(TINY, { samplers: TINY_SAMPLERS }), {
      out: mkdtempSync(join(tmpdir(), "tunelab-bench-report-")),
    });
    // The sampler "grid" renamed everywhere (plan, runs, summary keys and values) to markup.
    const evil = JSON.parse(
      JSON.stringify(results).replaceAll('"grid"', JSON.stringify(EVIL)),
    ) as BenchmarkResults;
    expect(evil.summary.methods).toContain(EVIL);
    const zdt = evil.summary.functions.find((f) => f.kind === "multi")!;
    const frontPoints = evil.summary.methods.reduce(
      (n, m) => n + (evil.summary.cells[zdt.name]?.[m]?.front?.length ?? 0),
      0,
    );
    const path = join(mkdtempSync(join(tmpdir(), "tunelab-bench-report-")), "report.html");
    writeFileSync(path, await renderHtml(evil));

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
      await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
      const charts = await page.$$eval("figure.plot", (figures) =>
        (figures as unknown as Node[]).map((f) => {
          const drawn = (sel: string): number =>
            Array.from(f.querySelectorAll(sel)).filter((n) => {
              const r = n.getBoundingClientRect();
              return r.width + r.height > 0;
            }).length;
          const svg = f.querySelectorAll("svg")[0]!;
          const attr = (k: string): number | null => {
            const v = f.getAttribute(`data-${k}`);
            return v === null ? null : Number(v);
          };
          return {
            id: `${f.getAttribute("data-plot")}:${f.getAttribute("data-function") ?? ""}`,
            width: svg.getBoundingClientRect().width,
            lines: drawn("g.mark-line.role-mark > path"),
            bands: drawn("g.mark-area.role-mark > path"),
            points: drawn("g.mark-symbol.role-mark > path"),
            expected: { lines: attr("lines"), bands: attr("bands"), points: attr("points") },
            legend: Array.from(svg.querySelectorAll("g.role-legend-label text")).map((t) => t.textContent),
          };
        }),
      );
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(path).href]);
      expect(charts.map((c) => c.id)).toEqual([
        "regret:branin",
        `regret:${zdt.name}`,
        `pareto:${zdt.name}`,
        "sampler-time:",
      ]);
      const byId = new Map(charts.map((c) => [c.id, c]));
      for (const c of charts) {
        expect(c.width, c.id).toBeGreaterThan(200);
        // every method in the legend, the <script> name as its text
        expect(c.legend.slice(0, 2), c.id).toEqual(["random", EVIL]);
      }
      for (const id of ["regret:branin", `regret:${zdt.name}`]) {
        expect(byId.get(id)!.lines, id).toBe(2);
        expect(byId.get(id)!.bands, id).toBe(2);
        expect(byId.get(id)!.expected, id).toEqual({ lines: 2, bands: 2, points: null });
      }
      const pareto = byId.get(`pareto:${zdt.name}`)!;
      expect(pareto.lines + pareto.bands).toBe(0);
      expect(frontPoints).toBeGreaterThan(0);
      // both methods' front points (all inside zdt1's reference point) and the analytic front
      expect(pareto.points).toBe(frontPoints + zdt.trueFront!.length);
      expect(pareto.expected.points).toBe(pareto.points);
      expect(pareto.legend).toEqual(["random", EVIL, "analytic front"]);
      const time = byId.get("sampler-time:")!;
      expect(time.lines).toBe(2);
      expect(time.bands).toBe(0);
      expect(time.expected.lines).toBe(2);
      expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
      expect(await page.locator("script").count()).toBe(0);
      // the tables show it as text too
      expect(await page.locator("td", { hasText: EVIL }).count()).toBeGreaterThan(0);
      // the rank table has a row per method
      expect(await page.locator("table.ranks tbody tr").count()).toBe(2);
    } finally {
      await context.close();
    }
  });
});
