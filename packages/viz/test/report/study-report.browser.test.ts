/**
 * The static study report (inline SVG, no script) in a real browser, as the benchmark report's test does
 * (benchmarks/test/report/html-report.browser.test.ts): Debian's headless Chromium (driven by
 * playwright-core) opens report.html from disk; every plot must be drawn with the expected
 * number of marks, nothing may be fetched, and a study named `<script>` must show as text.
 * Skipped, saying so, only when /usr/bin/chromium is absent (CI installs it with
 * scripts/ci/install-chromium.sh).
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { writeStudyReport } from "../../src/report/index.js";
import { seededStudy } from "../plots/seeded-study.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `study-report.browser.test: SKIPPED, ${CHROMIUM} is absent (run scripts/ci/install-chromium.sh)`,
  );
}

/** The little of the DOM the checks read (tsconfig.test.json has no DOM library). */
interface Node {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
  querySelectorAll(selector: string): ArrayLike<Node>;
  textContent: string | null;
}

describe.skipIf(!hasChromium)("the study report in headless Chromium", () => {
  it("opens from disk, draws every plot with its marks, fetches nothing, shows <script> as text", async () => {
    const name = "<script>window.pwned=1</script>";
    const { study, counts } = seededStudy(1, 30, name);
    const path = join(mkdtempSync(join(tmpdir(), "tunelab-study-report-")), "report.html");
    await writeStudyReport(study, path, { mode: "static" });
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
      const plots = await page.$$eval("figure.plot", (figures) =>
        (figures as unknown as Node[]).map((f) => {
          const count = (sel: string) =>
            Array.from(f.querySelectorAll(sel)).filter((n) => {
              const r = n.getBoundingClientRect();
              return r.width + r.height > 0;
            }).length;
          const svg = f.querySelectorAll("svg")[0]!;
          return {
            id: f.getAttribute("data-plot"),
            width: svg.getBoundingClientRect().width,
            symbols: count("g.mark-symbol.role-mark > path"),
            lines: count("g.mark-line.role-mark > path"),
            rules: count("g.mark-rule.role-mark > line"),
            rects: count("g.mark-rect.role-mark > path"),
          };
        }),
      );
      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith("file://"))).toBe(true);
      const byId = new Map(plots.map((p) => [p.id, p]));
      expect([...byId.keys()]).toEqual([
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
      for (const p of plots) expect(p.width).toBeGreaterThan(100);
      expect(byId.get("history")!.symbols).toBe(counts.complete);
      expect(byId.get("intermediate")!.rules).toBe(4 * counts.complete + 2 * counts.pruned);
      expect(byId.get("slice")!.symbols).toBe(3 * counts.complete);
      expect(byId.get("parallel")!.rules).toBe(4 + 3 * counts.complete); // 4 axes, 3 segments a trial
      expect(byId.get("rank")!.symbols).toBe(3 * counts.complete);
      expect(byId.get("timeline")!.rects).toBe(30);
      expect(byId.get("edf")!.lines).toBe(1);
      // The study name is text, not a script: it shows as written and ran nothing.
      expect(await page.locator("#study-name").textContent()).toBe(name);
      expect(await page.evaluate("typeof window.pwned")).toBe("undefined");
      expect(await page.locator("#trials tbody tr").count()).toBe(30);
    } finally {
      await context.close();
    }
  });
});
