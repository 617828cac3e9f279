/**
 * `tunelab study create|list|delete|export`: the studies of a storage. `create` takes
 * Optuna's `create-study` flags (`--direction`, `--directions`, `--skip-if-exists`,
 * `--study-name`) and stores the sampler and pruner that later `ask` and `should-prune`
 * processes rebuild; `export` writes the trials with Optuna's trials-dataframe columns.
 */
import type { Storage, StudyDirection } from "@tunelab/study";
import { type Command, Option } from "commander";
import { CliError, UsageError } from "../exit-codes.js";
import { addFormatOption, type OutputFormat } from "../format/format-option.js";
import type { CliIo } from "../io.js";
import {
  addStorageOption,
  addStudyOptions,
  STUDY_ENV,
  type StudyOptionValues,
  storageTarget,
  studyTarget,
} from "../options/study-options.js";

interface CreateOptions extends StudyOptionValues {
  readonly direction?: string;
  readonly directions?: readonly string[];
  readonly skipIfExists?: boolean;
  readonly sampler?: string;
  readonly samplerKwargs?: string;
  readonly pruner?: string;
  readonly prunerKwargs?: string;
}

interface ListOptions extends StudyOptionValues {
  readonly format: OutputFormat;
}

interface DeleteOptions extends StudyOptionValues {
  readonly yes?: boolean;
}

interface ExportOptions extends StudyOptionValues {
  readonly format: OutputFormat;
  readonly output?: string;
  readonly attrs?: string;
}

const DIRECTIONS = ["minimize", "maximize"] as const;

const CREATE_EXAMPLES = `
Examples:
  $ tunelab study create --storage journal:./study.log --study lr --direction minimize
  lr
  $ tunelab study create --study pareto --directions minimize maximize
  $ tunelab study create --study lr --skip-if-exists          # exit 0 if it exists
  $ tunelab study create --study lr --sampler TPESampler --sampler-kwargs '{"seed": 1, "n_startup_trials": 5}' \\
      --pruner MedianPruner --pruner-kwargs '{"n_warmup_steps": 3}'

Prints the study's name (a generated one when --study is not given, as Optuna does). The
sampler and pruner are stored in the study (system attributes tunelab:cli:sampler and
tunelab:cli:pruner), so each "tunelab ask" and "tunelab should-prune" process rebuilds the
same ones. Options may be written in Optuna's snake_case or in camelCase.`;

const LIST_EXAMPLES = `
Examples:
  $ tunelab study list --storage journal:./study.log
  $ tunelab study list --storage sqlite:./studies.db --format json`;

const DELETE_EXAMPLES = `
Examples:
  $ tunelab study delete --storage journal:./study.log --study lr --yes

Without --yes the command asks for confirmation on a terminal, and refuses (exit 2) when
standard input is not one.`;

const EXPORT_EXAMPLES = `
Examples:
  $ tunelab study export --storage journal:./study.log --study lr --output trials.csv
  $ tunelab study export --study lr --format json --attrs number,value,params,state,intermediate_values

Columns are Optuna's trials_dataframe columns (number, value or values_0.., datetime_start,
datetime_complete, duration, params_<name>, user_attrs_<key>, state), as pandas.read_csv
reads them; --attrs adds system_attrs or intermediate_values, or keeps fewer.`;

/** Registers `tunelab study` and its subcommands. */
export function register(program: Command, io: CliIo): void {
  const study = program
    .command("study")
    .description("create, list, delete and export studies")
    .addHelpText(
      "after",
      `
Examples:
  $ tunelab study create --storage journal:./lr.log --study lr --direction minimize
  $ tunelab study list --storage journal:./lr.log
  $ tunelab study export --storage journal:./lr.log --study lr --output trials.csv
  $ tunelab study delete --storage journal:./lr.log --study lr --yes

Run tunelab study <command> --help for each command's options.`,
    );

  addStudyOptions(study.command("create").description("create a study and print its name"))
    .addOption(new Option("--direction <direction>", "the direction of one objective").choices(DIRECTIONS))
    .addOption(new Option("--directions <direction...>", "one direction per objective").choices(DIRECTIONS))
    .option("--skip-if-exists", "exit 0 and print the name when the study exists (Optuna's flag)", false)
    .option("--sampler <name>", "the sampler every ask rebuilds (default: TpeSampler)")
    .option("--sampler-kwargs <json>", "options of --sampler as a JSON object")
    .option("--pruner <name>", "the pruner every should-prune rebuilds (default: MedianPruner)")
    .option("--pruner-kwargs <json>", "options of --pruner as a JSON object")
    .addHelpText("after", CREATE_EXAMPLES)
    .action(async (opts: CreateOptions) => createAction(opts, io));

  addFormatOption(addStorageOption(study.command("list").description("list the studies of a storage")))
    .addHelpText("after", LIST_EXAMPLES)
    .action(async (opts: ListOptions) => listAction(opts, io));

  addStudyOptions(study.command("delete").description("delete a study and its trials"))
    .option("--yes", "delete without asking", false)
    .addHelpText("after", DELETE_EXAMPLES)
    .action(async (opts: DeleteOptions) => deleteAction(opts, io));

  addFormatOption(
    addStudyOptions(study.command("export").description("write the study's trials as CSV or JSON")),
    ["csv", "json"],
    "csv",
  )
    .option("--output <file>", "write to this file instead of standard output")
    .option("--attrs <list>", "comma-separated column groups (Optuna's attrs)")
    .addHelpText("after", EXPORT_EXAMPLES)
    .action(async (opts: ExportOptions) => exportAction(opts, io));
}

async function createAction(opts: CreateOptions, io: CliIo): Promise<void> {
  const storageValue = storageTarget(opts, io);
  if (opts.direction !== undefined && opts.directions !== undefined) {
    throw new UsageError("--directions: give either --direction or --directions, not both");
  }
  const directions = (opts.directions ?? [opts.direction ?? "minimize"]) as StudyDirection[];
  const [samplers, pruners, { choiceToJson }, { logToStderr, openCliStorage }, { showStorageUrl }, studyPkg] =
    await Promise.all([
      import("../options/samplers.js"),
      import("../options/pruners.js"),
      import("../options/stored-choice.js"),
      import("../options/open-study.js"),
      import("../options/storage-url.js"),
      import("@tunelab/study"),
    ]);
  const sampler = samplers.samplerChoice(opts.sampler, opts.samplerKwargs);
  const pruner = pruners.prunerChoice(opts.pruner, opts.prunerKwargs);
  // Build them once now, so bad options fail here rather than at the first ask.
  if (sampler !== null) await samplers.buildSampler(sampler, "--sampler");
  if (pruner !== null) await pruners.buildPruner(pruner, "--pruner");
  const wanted = opts.study ?? opts.studyName ?? io.env[STUDY_ENV];
  const name = wanted === undefined || wanted === "" ? studyPkg.defaultStudyName() : wanted;
  logToStderr(io);
  const { url, storage } = await openCliStorage(storageValue, false);
  try {
    let studyId: number;
    try {
      studyId = await storage.createStudy(directions, name);
    } catch (e) {
      if (!(e instanceof studyPkg.DuplicatedStudyError)) throw e;
      if (!opts.skipIfExists) {
        throw new CliError(
          `--study: a study named ${JSON.stringify(name)} exists in ${showStorageUrl(url)}; --skip-if-exists reuses it`,
        );
      }
      await noteExisting(storage, name, directions, sampler !== null || pruner !== null, io);
      io.stdout.write(`${name}\n`);
      return;
    }
    if (sampler !== null)
      await storage.setStudySystemAttr(studyId, samplers.SAMPLER_ATTR, choiceToJson(sampler));
    if (pruner !== null) await storage.setStudySystemAttr(studyId, pruners.PRUNER_ATTR, choiceToJson(pruner));
    io.stdout.write(`${name}\n`);
  } finally {
    await storage.close();
  }
}

/** With --skip-if-exists: says on stderr where the existing study differs from the request. */
async function noteExisting(
  storage: Storage,
  name: string,
  directions: readonly StudyDirection[],
  choseClasses: boolean,
  io: CliIo,
): Promise<void> {
  const existing = await storage.getStudyDirections(await storage.getStudyIdFromName(name));
  if (existing.join(",") !== directions.join(",")) {
    io.stderr.write(
      `tunelab: study "${name}" exists with directions ${existing.join(" ")} (not ${directions.join(" ")}); it is kept as it is\n`,
    );
  }
  if (choseClasses) {
    io.stderr.write(`tunelab: study "${name}" exists; it keeps the sampler and pruner it was created with\n`);
  }
}

async function listAction(opts: ListOptions, io: CliIo): Promise<void> {
  const storageValue = storageTarget(opts, io);
  const [{ logToStderr, openCliStorage }, { formatTable }] = await Promise.all([
    import("../options/open-study.js"),
    import("../format/write-table.js"),
  ]);
  logToStderr(io);
  const { storage } = await openCliStorage(storageValue, true);
  let summaries: Awaited<ReturnType<Storage["getAllStudies"]>>;
  try {
    summaries = await storage.getAllStudies();
  } finally {
    await storage.close();
  }
  const columns = ["name", "directions", "n_trials", "best_value", "datetime_start"];
  const rows = summaries.map((s) => ({
    name: s.studyName,
    directions: s.directions.join(","),
    n_trials: s.nTrials,
    best_value: s.bestTrial?.values?.[0] ?? null,
    datetime_start: s.datetimeStart,
  }));
  io.stdout.write(formatTable({ columns, rows }, opts.format));
}

async function deleteAction(opts: DeleteOptions, io: CliIo): Promise<void> {
  const target = studyTarget(opts, io);
  const [{ logToStderr, openCliStorage, noStudy }, studyPkg] = await Promise.all([
    import("../options/open-study.js"),
    import("@tunelab/study"),
  ]);
  logToStderr(io);
  const { url, storage } = await openCliStorage(target.storage, true);
  try {
    let studyId: number;
    try {
      studyId = await storage.getStudyIdFromName(target.study);
    } catch (e) {
      if (e instanceof studyPkg.StudyNotFoundError) throw noStudy(target.study, url);
      throw e;
    }
    if (opts.yes !== true) {
      const stdin = io.stdin as NodeJS.ReadableStream & { isTTY?: boolean };
      if (stdin.isTTY !== true) {
        throw new UsageError(
          `--yes: deleting study "${target.study}" needs --yes when standard input is not a terminal`,
        );
      }
      const n = (await storage.getTrials(studyId)).trials.length;
      io.stderr.write(`Delete study "${target.study}" and its ${n} trial(s)? [y/N] `);
      const answer = await readLine(io.stdin);
      if (!/^y(es)?$/i.test(answer.trim())) {
        throw new CliError(`study "${target.study}" not deleted (answer "y" or pass --yes)`);
      }
    }
    await storage.deleteStudy(studyId);
  } finally {
    await storage.close();
  }
}

/** The first line of `stream` (without its end of line); "" at the end of input. */
function readLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const nl = text.indexOf("\n");
      if (nl >= 0) finish(text.slice(0, nl));
    };
    const onEnd = (): void => finish(text);
    const finish = (line: string): void => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", reject);
      stream.pause();
      resolve(line);
    };
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", reject);
  });
}

async function exportAction(opts: ExportOptions, io: CliIo): Promise<void> {
  const target = studyTarget(opts, io);
  const [{ withStudy }, { trialsTable, DEFAULT_TRIALS_TABLE_ATTRS }, { formatTable }, { writeFile }] =
    await Promise.all([
      import("../options/open-study.js"),
      import("@tunelab/study/export"),
      import("../format/write-table.js"),
      import("node:fs/promises"),
    ]);
  const allowed = [...DEFAULT_TRIALS_TABLE_ATTRS, "system_attrs", "intermediate_values"];
  const attrs =
    opts.attrs === undefined
      ? DEFAULT_TRIALS_TABLE_ATTRS
      : opts.attrs.split(",").map((a) => {
          const name = a.trim();
          if (!allowed.includes(name as never)) {
            throw new UsageError(
              `--attrs: unknown column group ${JSON.stringify(name)}; allowed: ${allowed.join(", ")}`,
            );
          }
          return name as (typeof DEFAULT_TRIALS_TABLE_ATTRS)[number];
        });
  const text = await withStudy(target, io, {}, async (study) =>
    formatTable(trialsTable(study, { attrs }), opts.format),
  );
  if (opts.output === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFile(opts.output, text);
  } catch (e) {
    throw new CliError(`--output: cannot write ${JSON.stringify(opts.output)}: ${(e as Error).message}`);
  }
}
