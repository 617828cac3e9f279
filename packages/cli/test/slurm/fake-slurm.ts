/**
 * Stand-ins for SLURM's `sbatch`, `squeue` and `sacct`, as shell scripts in a temporary
 * directory put first on PATH: they record what they were given and answer what the test
 * wrote into the directory, so `tunelab slurm` runs its whole path without a cluster.
 *
 * - `sbatch`: keeps its arguments in `sbatch.args` and a copy of the script in
 *   `submitted.sbatch`; prints `sbatch.out` (default `4242`) and exits with `sbatch.code`
 *   (default 0), printing `sbatch.err` on stderr.
 * - `squeue`, `sacct`: keep their arguments in `<tool>.args`, print `<tool>.out` and
 *   `<tool>.err`, exit with `<tool>.code`. Without files, `sacct` answers as on a cluster
 *   without accounting ("Slurm accounting storage is disabled", exit 1).
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A directory of fake SLURM commands. */
export interface FakeSlurm {
  readonly dir: string;
  /** PATH with the fakes first, then the system's directories (sh, cat, cp). */
  readonly path: string;
  /** Writes a file the fakes answer from (`sbatch.out`, `squeue.code`, ...). */
  answer(file: string, text: string): void;
  /** A file the fakes wrote (`sbatch.args`, `submitted.sbatch`), or null. */
  read(file: string): string | null;
}

const TOOL = (name: string, defaults: { out: string; err: string; code: number }) => `#!/bin/sh
d=$(dirname "$0")
printf '%s\\n' "$@" > "$d/${name}.args"
${name === "sbatch" ? `for a in "$@"; do last="$a"; done; cp "$last" "$d/submitted.sbatch"` : ""}
if [ -f "$d/${name}.out" ]; then cat "$d/${name}.out"; else printf '%s' '${defaults.out}'; fi
if [ -f "$d/${name}.err" ]; then cat "$d/${name}.err" >&2; else printf '%s' '${defaults.err}' >&2; fi
if [ -f "$d/${name}.code" ]; then exit "$(cat "$d/${name}.code")"; else exit ${defaults.code}; fi
`;

/** Makes the fakes in a new temporary directory. */
export function fakeSlurm(): FakeSlurm {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-fake-slurm-"));
  const tools = {
    sbatch: { out: "4242\n", err: "", code: 0 },
    squeue: { out: "", err: "", code: 0 },
    sacct: { out: "", err: "Slurm accounting storage is disabled\n", code: 1 },
  };
  for (const [name, defaults] of Object.entries(tools)) {
    writeFileSync(join(dir, name), TOOL(name, defaults));
    chmodSync(join(dir, name), 0o755);
  }
  return {
    dir,
    path: `${dir}:/usr/bin:/bin`,
    answer: (file, text) => writeFileSync(join(dir, file), text),
    read: (file) => {
      try {
        return readFileSync(join(dir, file), "utf8");
      } catch {
        return null;
      }
    },
  };
}
