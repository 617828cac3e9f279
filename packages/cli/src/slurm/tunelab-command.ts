/**
 * How a job runs `tunelab`. The job may start with another PATH than the shell that
 * submitted it (a login shell on the node, `--export=NONE`), and an npm install into a
 * project puts `tunelab` in `node_modules/.bin`, which is on no PATH. So by default the
 * script names both programs by absolute path: the Node.js that runs this submission
 * (`process.execPath`) and the `dist/bin.js` of this package. That works for a package
 * installed with npm (locally or globally) and for the monorepo after `npm run build`,
 * provided the compute nodes see the same paths (a shared file system, as clusters have).
 * `--tunelab <command>` replaces it, e.g. `--tunelab tunelab` to use PATH on the node.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { shellJoin } from "./shell-quote.js";

/** The default `tunelab` command of a job, and the file it needs. */
export interface TunelabCommand {
  /** The shell words, quoted, written into the script. */
  readonly command: string;
  /** The package's `dist/bin.js` (absolute). */
  readonly binPath: string;
  /** Whether `binPath` exists (false in the monorepo before `npm run build`). */
  readonly built: boolean;
}

/**
 * The absolute Node.js and `dist/bin.js` of this package, quoted for the shell. This file is
 * `<package>/src/slurm/tunelab-command.ts` or `<package>/dist/slurm/tunelab-command.js`, so
 * the package is two directories up either way.
 */
export function defaultTunelabCommand(): TunelabCommand {
  const binPath = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
  return { command: shellJoin([process.execPath, binPath]), binPath, built: existsSync(binPath) };
}
