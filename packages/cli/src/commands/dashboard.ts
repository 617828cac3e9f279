/**
 * `tunelab dashboard`: a local web server showing the studies of a storage (or of a JSON
 * export, read-only): each study's plots and trial table, updating live as workers add
 * trials, a state filter and a note (`@tunelab/viz/dashboard`). Bound to 127.0.0.1; another
 * host needs `--allow-remote` and prints a warning. Runs until interrupted (Ctrl-C).
 */
import type { Command } from "commander";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { addStorageOption, STORAGE_ENV } from "../options/study-options.js";

interface DashboardCliOptions {
  readonly storage?: string;
  readonly fromJson?: string;
  readonly study?: string;
  readonly directions?: string[];
  readonly host: string;
  readonly port: string;
  readonly allowRemote?: boolean;
  readonly pollMs: string;
  readonly maxDrawn?: string;
}

const EXAMPLES = `
Examples:
  $ tunelab dashboard --storage journal:./study.log
  $ tunelab dashboard --storage sqlite:./studies.db --port 8080
  $ tunelab dashboard --from-json lr.json --study lr
  $ tunelab dashboard --storage journal:./study.log --host 0.0.0.0 --allow-remote   # other machines: no authentication

It prints the address (http://127.0.0.1:PORT/) and serves until interrupted.`;

/** Registers `tunelab dashboard`. */
export function register(program: Command, io: CliIo): void {
  addStorageOption(
    program.command("dashboard").description("serve a live web dashboard of a storage's studies"),
  )
    .option("--from-json <file>", "show a JSON export (tunelab study export --format json), read-only")
    .option("--study <name>", "with --from-json: the study's name (default: the file's base name)")
    .option("--directions <direction...>", "with --from-json: one direction per objective")
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .option("--port <port>", "the port (0: a free one)", "0")
    .option("--allow-remote", "allow a --host other machines can reach (no authentication)")
    .option("--poll-ms <ms>", "how often a study page checks for new trials", "2000")
    .option("--max-drawn <n>", "the most trials a per-trial plot draws (default 1000)")
    .addHelpText("after", EXAMPLES)
    .action(async (opts: DashboardCliOptions) => dashboardAction(opts, io));
}

function integer(value: string, flag: string, lo: number, hi: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < lo || n > hi)
    throw new UsageError(`${flag}: must be an integer in [${lo}, ${hi}], got ${JSON.stringify(value)}`);
  return n;
}

async function dashboardAction(opts: DashboardCliOptions, io: CliIo): Promise<void> {
  const port = integer(opts.port, "--port", 0, 65535);
  const pollMs = integer(opts.pollMs, "--poll-ms", 100, 3_600_000);
  const maxTrialsDrawn = opts.maxDrawn === undefined ? 1000 : integer(opts.maxDrawn, "--max-drawn", 10, 1e9);
  const viz = await import("@tunelab/viz/dashboard");
  try {
    viz.checkBind(opts.host, opts.allowRemote === true);
  } catch {
    throw new UsageError(
      `--host: ${JSON.stringify(opts.host)} is not a loopback address (127.0.0.1, ::1, localhost); add --allow-remote to serve other machines`,
    );
  }
  let source: import("@tunelab/viz/dashboard").DashboardSource;
  let close = async (): Promise<void> => {};
  if (opts.fromJson !== undefined) {
    const { studyFromJsonExport } = await import("./export-input.js");
    source = viz.staticSource([await studyFromJsonExport(opts.fromJson, opts, io)]);
  } else {
    if (opts.study !== undefined || opts.directions !== undefined)
      throw new UsageError("--study/--directions: only with --from-json (the dashboard lists every study)");
    const value = opts.storage ?? io.env[STORAGE_ENV];
    if (value === undefined || value === "")
      throw new UsageError(
        `--storage: a storage URL is required (or --from-json FILE), or set ${STORAGE_ENV}`,
      );
    const { logToStderr, openCliStorage } = await import("../options/open-study.js");
    logToStderr(io);
    const { storage } = await openCliStorage(value, true);
    source = viz.storageSource(storage);
    close = () => storage.close();
  }
  let dashboard: Awaited<ReturnType<typeof viz.startDashboard>>;
  try {
    dashboard = await viz.startDashboard(source, {
      host: opts.host,
      port,
      allowRemote: opts.allowRemote === true,
      pollMs,
      maxTrialsDrawn,
    });
  } catch (e) {
    await close();
    throw new CliError(`--host/--port: cannot listen on ${opts.host}:${port}: ${(e as Error).message}`);
  }
  if (dashboard.warning !== null) io.stderr.write(`tunelab: ${dashboard.warning}\n`);
  io.stdout.write(`tunelab dashboard: ${dashboard.url}\n`);
  // Serve until SIGINT or SIGTERM.
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await dashboard.close();
  await close();
}
