/**
 * `tunelab ask`: starts a trial, samples its parameters from a search space, and prints
 * `{"number": N, "params": {...}}` (Optuna 5.0's `optuna ask` output). The command loads
 * only what it uses, lazily: commander at start-up, then the study, the storage driver of
 * the URL and the one sampler.
 */
import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues, studyTarget } from "../options/study-options.js";

interface AskOptions extends StudyOptionValues {
  readonly searchSpace?: string;
  readonly sampler?: string;
  readonly samplerKwargs?: string;
  readonly flatten?: boolean;
}

const EXAMPLES = `
Examples:
  $ tunelab ask --storage journal:./study.log --study lr \\
      --search-space '{"lr": {"name": "FloatDistribution", "attributes": {"low": 1e-5, "high": 0.1, "log": true}}}'
  {"number": 0, "params": {"lr": 0.0023}}
  $ tunelab ask --search-space @space.json        # storage and study from TUNELAB_STORAGE, TUNELAB_STUDY
  $ tunelab ask --search-space @space.json --sampler RandomSampler --sampler-kwargs '{"seed": 1}'

The search space is Optuna's CLI JSON: parameter name -> {"name": FloatDistribution |
IntDistribution | CategoricalDistribution, "attributes": {...}}. The sampler is the one
stored at "tunelab study create --sampler" (TpeSampler when none was), rebuilt in each call;
--sampler overrides it for this call. Standard output gets the JSON line and nothing else.`;

/** Registers `tunelab ask`. */
export function register(program: Command, io: CliIo): void {
  addStudyOptions(
    program.command("ask").description("start a trial and print its number and sampled parameters as JSON"),
  )
    .option("--search-space <json>", "parameters to sample, in Optuna's CLI JSON form, or @FILE holding it")
    .option(
      "--sampler <name>",
      "sampler for this call (default: the study's, stored at study create; else TpeSampler)",
    )
    .option("--sampler-kwargs <json>", "options of --sampler as a JSON object, e.g. '{\"seed\": 1}'")
    .option("--flatten", 'print {"number": N, "params_x": ...} instead of nested params', false)
    .addHelpText("after", EXAMPLES)
    .action(async (opts: AskOptions) => {
      const target = studyTarget(opts, io);
      const [
        { parseSearchSpace },
        samplers,
        { storedChoice },
        { withStudy },
        { askJson },
        { checkSpaceFits },
      ] = await Promise.all([
        import("../search-space.js"),
        import("../options/samplers.js"),
        import("../options/stored-choice.js"),
        import("../options/open-study.js"),
        import("../format/ask-json.js"),
        import("../options/space-fits.js"),
      ]);
      const space =
        opts.searchSpace === undefined ? {} : parseSearchSpace(opts.searchSpace, "--search-space");
      const override = samplers.samplerChoice(opts.sampler, opts.samplerKwargs);
      const makeSampler = (attrs: Parameters<typeof storedChoice>[0]) =>
        override !== null
          ? samplers.buildSampler(override, "--sampler")
          : samplers.buildSampler(storedChoice(attrs, samplers.SAMPLER_ATTR), samplers.SAMPLER_ATTR);
      await withStudy(target, io, { sampler: makeSampler }, async (study) => {
        checkSpaceFits(study, space, "--search-space");
        const trial = await study.ask(space);
        await trial.flush();
        io.stdout.write(
          `${askJson(trial.number, trial.params, trial.distributions, opts.flatten === true)}\n`,
        );
      });
    });
}
