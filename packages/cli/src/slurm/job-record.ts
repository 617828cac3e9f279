/**
 * The SLURM jobs submitted for a study, kept in the study itself (one system attribute per
 * job), so `tunelab slurm status` finds the arrays of a study without being told their ids,
 * from any machine that reaches the storage.
 */
import type { JsonValue, Study } from "@tunelab/study";

/** The prefix of the study system attribute of each submitted job: `tunelab:slurm_job:<id>`. */
export const SLURM_JOB_KEY_PREFIX = "tunelab:slurm_job:";

/** What is kept about a submitted job array. */
export interface SubmittedJobRecord {
  /** SLURM's job id of the array. */
  readonly jobId: string;
  /** The cluster sbatch named, or null. */
  readonly cluster: string | null;
  /** The `--array` value. */
  readonly array: string;
  /** Trials each task runs. */
  readonly trialsPerTask: number;
  /** The sbatch script's path. */
  readonly script: string;
  /** When it was submitted (ISO 8601, UTC). */
  readonly submitted: string;
}

/**
 * Writes `job` into the study's system attributes. One key per job, so two submissions at
 * the same moment do not overwrite each other.
 */
export async function recordSubmittedJob(study: Study, job: SubmittedJobRecord): Promise<void> {
  const value: JsonValue = { ...job };
  await study.storage.setStudySystemAttr(study.studyId, `${SLURM_JOB_KEY_PREFIX}${job.jobId}`, value);
}

/** The jobs recorded in a study's system attributes, oldest submission first. */
export function recordedJobs(systemAttrs: Readonly<Record<string, JsonValue>>): SubmittedJobRecord[] {
  const jobs: SubmittedJobRecord[] = [];
  for (const [key, v] of Object.entries(systemAttrs)) {
    if (!key.startsWith(SLURM_JOB_KEY_PREFIX) || v === null || typeof v !== "object" || Array.isArray(v))
      continue;
    const r = v as Record<string, JsonValue>;
    if (typeof r.jobId !== "string") continue;
    jobs.push({
      jobId: r.jobId,
      cluster: typeof r.cluster === "string" ? r.cluster : null,
      array: typeof r.array === "string" ? r.array : "",
      trialsPerTask: typeof r.trialsPerTask === "number" ? r.trialsPerTask : 0,
      script: typeof r.script === "string" ? r.script : "",
      submitted: typeof r.submitted === "string" ? r.submitted : "",
    });
  }
  return jobs.sort((a, b) => a.submitted.localeCompare(b.submitted) || Number(a.jobId) - Number(b.jobId));
}
