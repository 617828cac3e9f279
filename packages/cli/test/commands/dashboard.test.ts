import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, type Workspace, workspace } from "./harness.js";

const ROOT = resolve(import.meta.dirname, "../../../..");

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

describe("tunelab dashboard", () => {
  it("refuses a non-loopback --host without --allow-remote, bad numbers, and a missing storage (exit 2)", async () => {
    const remote = await runCli(["dashboard", "--storage", ws.journal, "--host", "0.0.0.0"]);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/--host: "0\.0\.0\.0" is not a loopback address .*add --allow-remote/);
    const port = await runCli(["dashboard", "--storage", ws.journal, "--port", "99999"]);
    expect(port.stderr).toMatch(/--port: must be an integer in \[0, 65535\], got "99999"/);
    const poll = await runCli(["dashboard", "--storage", ws.journal, "--poll-ms", "5"]);
    expect(poll.stderr).toMatch(/--poll-ms: must be an integer in \[100, 3600000\], got "5"/);
    const none = await runCli(["dashboard"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--storage: a storage URL is required \(or --from-json FILE\)/);
    const study = await runCli(["dashboard", "--storage", ws.journal, "--study", "x"]);
    expect(study.stderr).toMatch(/--study\/--directions: only with --from-json/);
    const missing = await runCli(["dashboard", "--storage", `journal:${join(ws.dir, "none.log")}`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it("serves a journal file's studies on 127.0.0.1 until SIGTERM (a fresh process)", async () => {
    expect((await runCli(["study", "create", "--storage", ws.journal, "--study", "<b>lr</b>"])).code).toBe(0);
    const child: ChildProcess = spawn(
      process.execPath,
      [
        "--conditions=@tunelab/source",
        "--import",
        "tsx",
        join(ROOT, "packages/cli/src/bin.ts"),
        "dashboard",
        "--storage",
        ws.journal,
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TUNELAB_FAST: "0" } },
    );
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = "";
        let err = "";
        child.stdout!.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /tunelab dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) resolveUrl(m[1]!);
        });
        child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
        child.once("exit", (code) => reject(new Error(`dashboard exited ${code}: ${err}`)));
      });
      const page = await (await fetch(url)).text();
      expect(page).toContain('<a href="/study/%3Cb%3Elr%3C%2Fb%3E">&lt;b&gt;lr&lt;/b&gt;</a>');
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
