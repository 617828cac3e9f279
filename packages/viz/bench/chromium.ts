/**
 * Headless Chromium for the benchmark scripts (Debian's /usr/bin/chromium through
 * playwright-core, as the browser tests launch it), and the time a page takes to draw:
 * wall time from navigation to `<body data-rendered>` (set by the page's client script when
 * every plot is drawn) and the renderer's main-thread CPU time over the same span (Chrome
 * DevTools Protocol `Performance.getMetrics`, `ThreadTime`); and the wall time until the
 * first plot and the plots on the first screen are drawn (`data-first-plot-ms`,
 * `data-first-screen-ms`; the client script draws those first). Not their CPU time: the
 * metric can only be read once the page yields, after it has drawn more plots.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** A headless Chromium context (close it when done). */
export async function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "tunelab-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
}

/** What drawing a page cost. */
export interface DrawCost {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Wall time from navigation start until the first plot was drawn (the page's `data-first-plot-ms`). */
  readonly firstPlotMs: number;
  /** Wall time from navigation start until the plots on the first screen were drawn (`data-first-screen-ms`). */
  readonly firstScreenMs: number;

  readonly plots: readonly { readonly id: string; readonly ms: number }[];
  readonly errors: readonly string[];
}

/** Opens `url` in a new page of `context` and measures it until every plot is drawn. */
export async function drawCost(context: BrowserContext, url: string): Promise<DrawCost> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  const threadTime = async (): Promise<number> => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((m) => m.name === "ThreadTime")?.value ?? Number.NaN;
  };
  const t0 = await threadTime();
  const w0 = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector("body[data-rendered], body[data-render-error]", { timeout: 600_000 });
  const wallMs = performance.now() - w0;
  const cpuMs = ((await threadTime()) - t0) * 1000;
  const plots = await page.$$eval("figure.plot", (fs) =>
    (fs as unknown as { getAttribute(n: string): string | null }[]).map((f) => ({
      id: f.getAttribute("data-plot") ?? "",
      ms: Number(f.getAttribute("data-render-ms")),
    })),
  );
  const firstPlotMs = Number(await page.getAttribute("body", "data-first-plot-ms"));
  const firstScreenMs = Number(await page.getAttribute("body", "data-first-screen-ms"));
  const error = await page.getAttribute("body", "data-render-error");
  if (error !== null) errors.push(error);
  await page.close();
  return { wallMs, cpuMs, firstPlotMs, firstScreenMs, plots, errors };
}
