/**
 * `tunelab server` and the bash client `bin/tunelab`: a server started in this process, the
 * client run as bash would be run by a user's loop. The client's Node.js fallback is replaced
 * by a stand-in (a copy of the script beside a fake `tunelab.cjs` that prints FALLBACK), so
 * every test sees whether the server or the fallback ran the command.
 */
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { RandomSampler } from "@tunelab/samplers/random";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy, setLogLevel } from "@tunelab/study";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/program.js";
import { type RunningServer, startServer } from "../../src/server/serve.js";
import { readState } from "../../src/server/state-file.js";

const CLIENT = fileURLToPath(new URL("../../bin/tunelab", import.meta.url));
const SPACE = JSON.stringify({ x: { name: "FloatDistribution", attributes: { low: -5, high: 5 } } });
const cwd0 = process.cwd();

interface ClientResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let root: string;
let bin: string;
let serverDir: string;
let watchFile: string;
let server: RunningServer | null = null;

/** Runs the client in `cwd` with the server directory of the test. */
function client(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<ClientResult> {
  return new Promise((resolve) => {
    const child = spawn("bash", [join(bin, "tunelab"), ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/",
        TUNELAB_SERVER_DIR: serverDir,
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the command line in this process without a server, as a fresh process would. */
async function direct(argv: readonly string[]): Promise<ClientResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  err.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await run(argv, { stdout: out, stderr: err, stdin: new PassThrough(), env: {} });
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}

async function makeStudy(path: string, name: string, completed: number): Promise<void> {
  setLogLevel("warn");
  const storage = await openJournalFileStorage(path);
  const study = await createStudy({ storage, studyName: name, sampler: new RandomSampler({ seed: 5 }) });
  await study.optimize((t) => t.suggestFloat("x", -5, 5) ** 2, { nTrials: completed });
  await storage.close();
}

const numberOf = (stdout: string): number => (JSON.parse(stdout) as { number: number }).number;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "tunelab-server-test-"));
  bin = join(root, "bin");
  mkdirSync(bin);
  copyFileSync(CLIENT, join(bin, "tunelab"));
  chmodSync(join(bin, "tunelab"), 0o755);
  writeFileSync(
    join(bin, "tunelab.cjs"),
    'process.stdout.write("FALLBACK " + JSON.stringify(process.argv.slice(2)) + "\\n"); process.exitCode = 42;\n',
  );
  watchFile = join(root, "stamp");
  writeFileSync(watchFile, "1");
});

afterEach(async () => {
  await server?.stop("test over");
  server = null;
  process.chdir(cwd0);
});

afterAll(() => {
  process.chdir(cwd0);
  rmSync(root, { recursive: true, force: true });
});

async function start(idleTimeoutMs = 60_000): Promise<RunningServer> {
  serverDir = mkdtempSync(join(root, "dir-"));
  server = await startServer({ dir: serverDir, idleTimeoutMs, watch: [watchFile] });
  return server;
}

describe("tunelab server with the bash client", () => {
  it("runs ask and tell in the client's directory (a relative journal path) and the study sees them", async () => {
    await start();
    const work = mkdtempSync(join(root, "work-"));
    await makeStudy(join(work, "s.log"), "s", 3);
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ask = await client(
        ["ask", "--storage", "journal:./s.log", "--study", "s", "--search-space", SPACE],
        work,
      );
      expect(ask.stderr).toBe("");
      expect(ask.code).toBe(0);
      expect(ask.stdout).not.toContain("FALLBACK");
      numbers.push(numberOf(ask.stdout));
      const tell = await client(["tell", "--trial", String(numbers[i]), "--values", String(i)], work, {
        TUNELAB_STORAGE: "journal:./s.log",
        TUNELAB_STUDY: "s",
      });
      expect(tell).toEqual({ code: 0, stdout: "", stderr: "" });
    }
    expect(numbers).toEqual([3, 4, 5]);
    const storage = await openJournalFileStorage(join(work, "s.log"), { readOnly: true });
    const { trials } = await storage.getTrials(0);
    expect(trials.map((t) => [t.number, t.state, t.values?.[0] ?? null]).slice(3)).toEqual([
      [3, "COMPLETE", 0],
      [4, "COMPLETE", 1],
      [5, "COMPLETE", 2],
    ]);
    await storage.close();
  });

  it("prints what a fresh process prints: output, errors and exit codes", async () => {
    await start();
    const work = mkdtempSync(join(root, "work-"));
    const a = join(work, "a.log");
    const b = join(work, "b.log");
    await makeStudy(a, "s", 12);
    await makeStudy(b, "s", 12);
    const cases: string[][] = [
      [
        "ask",
        "--study",
        "s",
        "--search-space",
        SPACE,
        "--sampler",
        "RandomSampler",
        "--sampler-kwargs",
        '{"seed": 3}',
      ],
      ["best-trial", "--study", "s", "--format", "json"],
      ["trials", "--study", "s", "--format", "csv"],
      ["tell", "--study", "s", "--trial", "99", "--values", "1"],
      ["tell", "--study", "s", "--trial", "12", "--values", "1", "2"],
      ["tell", "--study", "s", "--trial", "12", "--values", "0.5"],
      ["tell", "--study", "s", "--trial", "12", "--values", "0.5"],
      ["report", "--study", "s", "--trial", "3", "--step", "1", "--value", "2"],
      ["ask", "--study", "nope", "--search-space", SPACE],
      ["ask", "--study", "s", "--search-space", "{not json"],
    ];
    for (const argv of cases) {
      const viaServer = await client([argv[0]!, "--storage", `journal:${a}`, ...argv.slice(1)], work);
      const fresh = await direct([argv[0]!, "--storage", `journal:${b}`, ...argv.slice(1)]);
      const same = (r: ClientResult) => ({
        code: r.code,
        stdout: r.stdout
          .replaceAll(a, "J")
          .replaceAll(b, "J")
          .replace(/\d{4}-\d\d-\d\d[T ][\d:.]+Z?/g, "D")
          .replace(/0:00:00\.\d+/g, "T")
          .replace(/"duration":\d+/g, '"duration":T'),
        stderr: r.stderr.replaceAll(a, "J").replaceAll(b, "J"),
      });
      expect(same(viaServer), argv.join(" ")).toEqual(same(fresh));
    }
  });

  it("keeps the journal open between commands but reopens a file that was replaced", async () => {
    await start();
    const work = mkdtempSync(join(root, "work-"));
    const path = join(work, "s.log");
    await makeStudy(path, "s", 2);
    const ask = () =>
      client(["ask", "--storage", `journal:${path}`, "--study", "s", "--search-space", SPACE], work);
    expect(numberOf((await ask()).stdout)).toBe(2);
    rmSync(path);
    await makeStudy(path, "s", 7);
    const again = await ask();
    expect(again.stderr).toBe("");
    expect(numberOf(again.stdout)).toBe(7);
  });

  it("runs concurrent clients one at a time: each ask gets its own trial", async () => {
    await start();
    const work = mkdtempSync(join(root, "work-"));
    await makeStudy(join(work, "s.log"), "s", 0);
    const asks = await Promise.all(
      Array.from({ length: 6 }, () =>
        client(["ask", "--storage", "journal:s.log", "--study", "s", "--search-space", SPACE], work),
      ),
    );
    expect(asks.map((r) => [r.code, r.stderr])).toEqual(Array(6).fill([0, ""]));
    expect(asks.map((r) => r.stdout).join("")).not.toContain("FALLBACK");
    expect(asks.map((r) => numberOf(r.stdout)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("leaves other commands, TUNELAB_SERVER=0, and a missing server to the Node.js launcher", async () => {
    const work = mkdtempSync(join(root, "work-"));
    serverDir = join(root, "no-server-here");
    expect((await client(["ask", "--study", "s"], work)).stdout).toBe('FALLBACK ["ask","--study","s"]\n');
    await start();
    expect((await client(["study", "list"], work)).stdout).toBe('FALLBACK ["study","list"]\n');
    expect((await client(["worker", "--", "x"], work)).stdout).toBe('FALLBACK ["worker","--","x"]\n');
    expect((await client(["ask", "--study", "s"], work, { TUNELAB_SERVER: "0" })).stdout).toBe(
      'FALLBACK ["ask","--study","s"]\n',
    );
  });

  it("a wrong token, another host's state file, or a changed program: the launcher runs the command", async () => {
    const running = await start();
    const work = mkdtempSync(join(root, "work-"));
    const state = readState(serverDir)!;
    const file = join(serverDir, "server");
    writeFileSync(file, `${state.port} ${"0".repeat(48)} ${state.pid} ${state.host}\n`, { mode: 0o600 });
    const wrong = await client(["trials", "--study", "s"], work, { TUNELAB_SERVER_DEBUG: "1" });
    expect(wrong.stdout).toBe('FALLBACK ["trials","--study","s"]\n');
    expect(wrong.stderr).toContain("declined: wrong token");
    writeFileSync(file, `${state.port} ${state.token} ${state.pid} another-host\n`, { mode: 0o600 });
    expect((await client(["trials", "--study", "s"], work)).stdout).toContain("FALLBACK");
    writeFileSync(file, `${state.port} ${state.token} ${state.pid} ${state.host}\n`, { mode: 0o600 });
    writeFileSync(watchFile, "2 (a rebuild)");
    const stale = await client(["trials", "--study", "s"], work, { TUNELAB_SERVER_DEBUG: "1" });
    expect(stale.stdout).toContain("FALLBACK");
    expect(stale.stderr).toContain("the program changed");
    await running.stopped; // it stops itself
    expect(readState(serverDir)).toBeNull();
    server = null;
  });

  it("stops after its idle timeout and removes its state file", async () => {
    const running = await start(300);
    expect(readState(serverDir)).not.toBeNull();
    await running.stopped;
    expect(readState(serverDir)).toBeNull();
    server = null;
  });

  it("refuses a server directory open to other users, and a second server on one directory", async () => {
    const open = join(root, "open");
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    await expect(startServer({ dir: open, watch: [] })).rejects.toThrow(
      /open to other users \(mode 755\); chmod 700/,
    );
    await start();
    await expect(startServer({ dir: serverDir, watch: [] })).rejects.toThrow(/already runs/);
    expect(statSync(join(serverDir, "server")).mode & 0o777).toBe(0o600);
  });
});
