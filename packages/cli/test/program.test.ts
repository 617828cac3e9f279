import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type CliIo, run } from "../src/index.js";

function capture(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough(), env: {} }, out: () => out, err: () => err };
}

describe("tunelab program", () => {
  it("--version prints the version and exits 0", async () => {
    const c = capture();
    expect(await run(["--version"], c.io)).toBe(0);
    expect(c.out()).toBe("0.1.0\n");
  });

  it("an unknown command is a usage error (exit 2) naming it", async () => {
    const c = capture();
    expect(await run(["frobnicate"], c.io)).toBe(2);
    // Commander says "unknown command" once subcommands exist, "too many arguments" before.
    expect(c.err()).toMatch(/unknown command 'frobnicate'|too many arguments/);
  });
});
