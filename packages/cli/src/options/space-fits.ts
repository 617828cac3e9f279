/**
 * Checks a search space against the study before `ask` creates a trial: a parameter may not
 * change kind within a study, nor a categorical its choices (the study would refuse it after
 * the trial was created, leaving a RUNNING trial behind).
 */
import type { Study } from "@tunelab/study";
import { type Distribution, distributionIncompatibility } from "@tunelab/study/distributions";
import { UsageError } from "../exit-codes.js";

/**
 * @throws UsageError naming `flag` and the parameter when its distribution cannot coexist
 *   with the one the study already holds for that name.
 */
export function checkSpaceFits(
  study: Study,
  space: Readonly<Record<string, Distribution>>,
  flag: string,
): void {
  for (const name of Object.keys(space)) {
    const known = study.knownDistribution(name);
    if (known === undefined) continue;
    const why = distributionIncompatibility(known, space[name]!);
    if (why !== null) {
      throw new UsageError(
        `${flag}: parameter ${JSON.stringify(name)} cannot change within study "${study.studyName}": ${why}`,
      );
    }
  }
}
