/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium through playwright-core,
 * launched as the benchmark report's test does. When it is absent the tests are skipped,
 * saying so, except under CI=true, where a missing browser is a failure
 * (scripts/ci/install-chromium.sh installs it). Also the count of marks Vega drew in a page,
 * read from each view's scenegraph.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Whether the browser tests run; throws under CI=true when Chromium is missing. */
export function chromiumAvailable(testName: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === "true")
    throw new Error(`${testName}: ${CHROMIUM} is absent under CI=true (run scripts/ci/install-chromium.sh)`);
  console.warn(`${testName}: SKIPPED, ${CHROMIUM} is absent (run scripts/ci/install-chromium.sh)`);
  return false;
}

/** A headless Chromium context with no network of its own (close it when done). */
export async function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "tunelab-chromium-")), {
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
}

/** Marks one plot's Vega view drew: symbol and rect items, and line marks with at least one point. */
export interface MarkCounts {
  readonly id: string;
  readonly symbols: number;
  readonly rects: number;
  readonly lines: number;
  /** Whether the figure holds a drawn canvas wider than 100 px. */
  readonly canvas: boolean;
}

/**
 * The marks of every plot of a page drawn by the client script (`window.tunelabViews`), from
 * each view's scenegraph (`view.scenegraph().root`): items of role "mark" only, so axes,
 * legends and titles are not counted.
 */
export async function markCounts(page: Page): Promise<MarkCounts[]> {
  return page.evaluate(`(() => {
    const out = [];
    for (const f of document.querySelectorAll("figure.plot")) {
      const id = f.getAttribute("data-plot");
      const view = window.tunelabViews[id];
      const c = { id, symbols: 0, rects: 0, lines: 0, canvas: false };
      const walk = (node) => {
        if (!node) return;
        if (node.marktype !== undefined && node.role === "mark") {
          if (node.marktype === "symbol") c.symbols += node.items.length;
          if (node.marktype === "rect") c.rects += node.items.length;
          if (node.marktype === "line" && node.items.length > 0) c.lines += 1;
        }
        for (const item of node.items || []) for (const child of item.items || []) walk(child);
      };
      if (view) walk(view.scenegraph().root);
      const canvas = f.querySelector("canvas");
      c.canvas = canvas !== null && canvas.getBoundingClientRect().width > 100;
      out.push(c);
    }
    return out;
  })()`);
}
