/**
 * The storage of a job array, as its tasks will see it: on other machines, in other
 * processes, later, from the working directory of the job. `tunelab slurm submit` refuses a
 * storage that cannot be shared that way, warns about one that is shared only on one machine,
 * and writes file paths absolute so a task reads the file the submission meant.
 */
import { isAbsolute, resolve } from "node:path";
import { UsageError } from "../exit-codes.js";
import { type CliStorageUrl, cliStorageUrl, showStorageUrl } from "../options/storage-url.js";

/** A storage URL for the tasks of an array. */
export interface ClusterStorage {
  /** The URL to give the tasks: file paths made absolute, server URLs as written. */
  readonly url: string;
  /** The parsed URL. */
  readonly parsed: CliStorageUrl;
  /** Why the tasks may not all reach it, one line each (empty when nothing is doubtful). */
  readonly warnings: readonly string[];
}

/** Directories that are usually private to each machine of a cluster. */
const NODE_LOCAL = ["/tmp/", "/var/tmp/", "/dev/shm/", "/run/"];

/**
 * Checks the `--storage` value of a job array.
 * @param value - the URL as given (`--storage` or `TUNELAB_STORAGE`).
 * @param cwd - the directory relative file paths are read from: the process's own (a bare
 *   path is taken for a journal when it names an existing file there, see `cliStorageUrl`).
 * @throws UsageError naming `--storage`: `memory` (each task is a separate process, on another
 *   machine: it would start an empty study of its own), and what {@link cliStorageUrl}
 *   refuses (a malformed URL, an unknown scheme).
 * @example clusterStorage("journal:study.log", "/home/me/hpo").url // "journal:/home/me/hpo/study.log"
 */
export function clusterStorage(value: string, cwd: string): ClusterStorage {
  if (value.trim().toLowerCase() === "memory") {
    throw new UsageError(
      "--storage: memory lives inside one process, and every array task is a process of its own on some node, which would start an empty study; use journal:FILE on a file system all nodes share, postgresql://... or redis://...",
    );
  }
  const parsed = cliStorageUrl(value);
  const warnings: string[] = [];
  switch (parsed.kind) {
    case "journal":
    case "sqlite": {
      const path = isAbsolute(parsed.path) ? parsed.path : resolve(cwd, parsed.path);
      const url = `${parsed.kind}:${path}`;
      if (parsed.kind === "sqlite") {
        warnings.push(
          `--storage ${url}: SQLite is for one machine: tasks on other nodes reach the file only over a network file system, where SQLite's locks are not reliable; use it only when every task runs on this node, otherwise use journal:FILE on a shared file system, postgresql://... or redis://...`,
        );
      }
      const local = NODE_LOCAL.find((dir) => path.startsWith(dir));
      if (local !== undefined) {
        warnings.push(
          `--storage ${url}: ${local} is usually private to each node, so tasks on other nodes would each see a study of their own; put the file on a file system all nodes share (home, project or scratch)`,
        );
      }
      return { url, parsed: { ...parsed, path }, warnings };
    }
    case "postgresql":
    case "redis": {
      if (isLoopback(parsed.host)) {
        warnings.push(
          `--storage ${showStorageUrl(parsed)}: the host ${parsed.host} is, for each task, the node the task runs on; unless the server runs on every node, name the server's host as the compute nodes reach it`,
        );
      }
      return { url: value, parsed, warnings };
    }
  }
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}
