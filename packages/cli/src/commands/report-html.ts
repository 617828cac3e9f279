/**
 * `tunelab report-html`: one self-contained HTML report of a study (summary, best trials,
 * trial table, every applicable plot; `@tunelab/viz/report`), from any storage URL the CLI
 * opens or from a JSON export (`tunelab study export --format json`).
 *
 * Why not `tunelab report -o FILE`: `tunelab report` records an intermediate value (Optuna's
 * `trial.report`), a short command that training scripts call every epoch; it is on the
 * bundled fast path (src/fast) and `bin/tunelab` forwards it to a running `tunelab server`.
 * Dispatching on `-o` would put the HTML report (and vega) on both. A name of its own runs on
 * the plain path, and vega loads only inside this command's action.
 */
import type { Command } from "commander";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues, studyTarget } from "../options/study-options.js";

interface ReportHtmlOptions extends StudyOptionValues {
  readonly output?: string;
  readonly fromJson?: string;
  readonly directions?: string[];
  readonly static?: boolean;
  readonly maxDrawn?: string;
}

const EXAMPLES = `
Examples:
  $ tunelab report-html --storage journal:./study.log --study lr -o report.html
  $ tunelab report-html --storage sqlite:./studies.db --study lr -o report.html --static
  $ tunelab study export --storage journal:./study.log --study lr --format json --output lr.json
  $ tunelab report-html --from-json lr.json --study lr -o report.html

The file opens offline: the plots are drawn in the page by Vega (its runtime inlined with
the specs compiled in Node and the data) (or, with --static, rendered to SVG with no script at all). Above --max-drawn trials
(1000), the plots with a mark per trial draw the best ones and a sample of the rest.
A JSON export has no directions (give --directions, default minimize) nor distributions
(a numeric parameter spanning three decades or more gets a log axis).`;

/** Registers `tunelab report-html`. */
export function register(program: Command, io: CliIo): void {
  addStudyOptions(program.command("report-html").description("write a study's HTML report (plots, trials)"))
    .option("-o, --output <file>", "the HTML file to write")
    .option("--from-json <file>", "read the trials from a JSON export instead of --storage")
    .option("--directions <direction...>", "with --from-json: one direction per objective")
    .option("--static", "plots as SVG rendered here, no script in the file (slower for large studies)")
    .option("--max-drawn <n>", "the most trials a per-trial plot draws, or inf (default 1000)")
    .addHelpText("after", EXAMPLES)
    .action(async (opts: ReportHtmlOptions) => reportHtmlAction(opts, io));
}

function maxDrawn(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^inf(inity)?$/i.test(value)) return Number.POSITIVE_INFINITY;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 10)
    throw new UsageError(`--max-drawn: must be an integer >= 10 or inf, got ${JSON.stringify(value)}`);
  return n;
}

async function reportHtmlAction(opts: ReportHtmlOptions, io: CliIo): Promise<void> {
  if (opts.output === undefined || opts.output === "")
    throw new UsageError("-o/--output: the HTML file to write is required (e.g. -o report.html)");
  const output = opts.output;
  const options = {
    mode: opts.static === true ? ("static" as const) : ("interactive" as const),
    ...(opts.maxDrawn === undefined ? {} : { maxTrialsDrawn: maxDrawn(opts.maxDrawn)! }),
  };
  const write = async (study: Parameters<typeof import("@tunelab/viz/report").writeStudyReport>[0]) => {
    const { writeStudyReport } = await import("@tunelab/viz/report");
    try {
      await writeStudyReport(study, output, options);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== undefined)
        throw new CliError(`-o/--output: cannot write ${JSON.stringify(output)}: ${(e as Error).message}`);
      throw e;
    }
  };
  if (opts.fromJson !== undefined) {
    const { studyFromJsonExport } = await import("./export-input.js");
    await write(await studyFromJsonExport(opts.fromJson, opts, io));
    return;
  }
  if (opts.directions !== undefined) throw new UsageError("--directions: only with --from-json");
  const target = studyTarget(opts, io);
  const { withStudy } = await import("../options/open-study.js");
  await withStudy(target, io, {}, async (study) => write(study));
}
