/**
 * Opening a storage as a user who lacks permissions. Root may write any file, so when the
 * tests run as root (as CI does) the open runs in a child process as the unprivileged user
 * `nobody` (uid and gid 65534); otherwise in this process. Either way permissions decide, not
 * who runs the tests.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SqliteStorage, SqliteStorageError } from "../../src/sqlite/index.js";
import { requirement } from "../requirement.js";

const NOBODY = 65534;
const CHILD = fileURLToPath(new URL("./open-child.ts", import.meta.url));

/** The outcome of an open: ok, or the error's kind and message. */
export type OpenOutcome = { readonly ok: true } | { readonly kind: string; readonly message: string };

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Why permissions cannot be tested here, or null. As root, the probe is the real thing: the
 * child opens a new database in a directory everyone may write, as `nobody`, and must succeed
 * (so `nobody` can run node, read this repository and its better-sqlite3 build); only then do
 * the tests' refusals mean what they say.
 */
function problem(): string | null {
  if (typeof process.getuid !== "function") return "this platform has no Unix users";
  if (!isRoot) return null;
  const dir = mkdtempSync(join(tmpdir(), "tunelab-sqlite-probe-"));
  try {
    chmodSync(dir, 0o777);
    const got = runChild(join(dir, "probe.db"));
    return "ok" in got ? null : `the probe open as uid ${NOBODY} failed: ${got.message}`;
  } catch (e) {
    return `cannot open a database as uid ${NOBODY}: ${(e as Error).message.split("\n")[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs open-child.ts as `nobody` on `path` and reads its outcome line. */
function runChild(path: string): OpenOutcome {
  const child = spawnSync(
    process.execPath,
    ["--conditions=@tunelab/source", "--import", "tsx", CHILD, path],
    {
      uid: NOBODY,
      gid: NOBODY,
      encoding: "utf8",
      env: { ...process.env, HOME: tmpdir() },
      timeout: 120_000,
    },
  );
  const line = child.stdout?.trim().split("\n").at(-1) ?? "";
  if (!line.startsWith("{")) {
    throw new Error(
      `open-child.ts printed no outcome as uid ${NOBODY} (${child.error?.message ?? `exit ${child.status}`}): ${(child.stderr ?? "").slice(-2000)}`,
    );
  }
  return JSON.parse(line) as OpenOutcome;
}

/** True when permission tests can run; otherwise one skipped test with the reason (a failure under CI). */
export function permissionsTestable(): boolean {
  return requirement(
    "a way to open files without root's rights",
    problem(),
    "run the tests as a user, or as root with the user nobody (uid 65534)",
  );
}

/** Makes `dirs` enterable by the unprivileged user (mkdtemp makes them 0700). */
export function letEveryoneIn(...dirs: string[]): void {
  for (const d of dirs) chmodSync(d, 0o755);
}

/** Opens (and closes) a storage at `path` as a user without root's rights. */
export async function openUnprivileged(path: string): Promise<OpenOutcome> {
  if (!isRoot) {
    try {
      await (await SqliteStorage.open(path)).close();
      return { ok: true };
    } catch (e) {
      if (e instanceof SqliteStorageError) return { kind: e.kind, message: e.message };
      throw e;
    }
  }
  return runChild(path);
}
