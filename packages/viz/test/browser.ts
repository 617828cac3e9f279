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

/** Marks one plot's Vega view drew: symbol, rect and rule items, and line marks with at least one point. */
export interface MarkCounts {
  readonly id: string;
  readonly symbols: number;
  readonly rects: number;
  readonly rules: number;
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
      const c = { id, symbols: 0, rects: 0, rules: 0, lines: 0, canvas: false };
      const walk = (node) => {
        if (!node) return;
        if (node.marktype !== undefined && node.role === "mark") {
          if (node.marktype === "symbol") c.symbols += node.items.length;
          if (node.marktype === "rect") c.rects += node.items.length;
          if (node.marktype === "rule") c.rules += node.items.length;
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

/**
 * Moves the mouse over the first item with a tooltip of the first such `marktype` mark of plot `id` (its page
 * position: the canvas, the view's origin and the item's groups' offsets) and returns the
 * tooltip Vega's handler then shows: the `title` attribute it sets on the view's element (the
 * figure or an element in it; null when none).
 */
export async function hoverTooltip(page: Page, id: string, marktype: string): Promise<string | null> {
  const at = (await page.evaluate(`(() => {
    const f = document.querySelector('figure.plot[data-plot="${id}"]');
    f.scrollIntoView();
    // A tooltip left from an earlier view of this figure is not this one's.
    f.removeAttribute("title");
    for (const e of f.querySelectorAll("[title]")) e.removeAttribute("title");
    const view = window.tunelabViews["${id}"];
    let found = null;
    const walk = (node) => {
      if (!node || found) return;
      if (node.marktype === "${marktype}" && node.role === "mark")
        found = node.items.find((i) => i.tooltip !== undefined && i.tooltip !== null) || null;
      for (const item of node.items || []) for (const child of item.items || []) walk(child);
    };
    walk(view.scenegraph().root);
    if (!found) return null;
    let x = found.x + (found.width || 0) / 2, y = found.y + (found.height || 0) / 2;
    for (let g = found.mark.group; g; g = g.mark && g.mark.group) { x += g.x || 0; y += g.y || 0; }
    const o = view.origin();
    const r = f.querySelector("canvas").getBoundingClientRect();
    return { x: r.left + o[0] + x, y: r.top + o[1] + y };
  })()`)) as { x: number; y: number } | null;
  if (at === null) return null;
  const title = (): Promise<string | null> =>
    page.evaluate(`(() => {
    const f = document.querySelector('figure.plot[data-plot="${id}"]');
    const el = f.hasAttribute("title") ? f : f.querySelector("[title]");
    return el ? el.getAttribute("title") : null;
  })()`);
  // The first move onto the canvas enters it; the tooltip follows the next move within it.
  // Vega's pointer position can sit a few pixels off ours (its origin), which a small symbol
  // misses: nearby positions are tried in a fixed order until a tooltip shows.
  for (const [dx, dy] of [
    [0, 0],
    [2, 0],
    [4, 0],
    [6, 0],
    [-2, 0],
    [-4, 0],
    [0, 2],
    [0, -2],
    [4, 2],
    [4, -2],
  ] as const) {
    await page.mouse.move(at.x + dx, at.y + dy);
    await page.waitForTimeout(30);
    await page.mouse.move(at.x + dx + 0.3, at.y + dy);
    await page.waitForTimeout(30);
    const t = await title();
    if (t !== null && t !== "") return t;
  }
  return null;
}
