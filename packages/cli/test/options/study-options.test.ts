import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/exit-codes.js";
import type { CliIo } from "../../src/io.js";
import { addStudyOptions, storageTarget, studyTarget } from "../../src/options/study-options.js";

const io = (env: Record<string, string>): CliIo =>
  ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env }) as CliIo;

describe("addStudyOptions", () => {
  it("adds --storage and --study whose help names TUNELAB_STORAGE and TUNELAB_STUDY", () => {
    const cmd = addStudyOptions(new Command("x"));
    const help = cmd.helpInformation();
    expect(help).toContain("--storage <url>");
    expect(help).toContain("$TUNELAB_STORAGE");
    expect(help).toContain("--study <name>");
    expect(help).toContain("$TUNELAB_STUDY");
    expect(help).not.toContain("--study-name");
  });

  it("parses --study-name (Optuna's spelling) as a hidden alias", () => {
    const cmd = addStudyOptions(new Command("x")).exitOverride();
    cmd.parse(["--storage", "journal:a.log", "--study-name", "s"], { from: "user" });
    expect(studyTarget(cmd.opts(), io({}))).toEqual({ storage: "journal:a.log", study: "s" });
  });
});

describe("studyTarget", () => {
  it("takes the flags over the environment", () => {
    const env = { TUNELAB_STORAGE: "journal:env.log", TUNELAB_STUDY: "env" };
    expect(studyTarget({ storage: "journal:flag.log", study: "flag" }, io(env))).toEqual({
      storage: "journal:flag.log",
      study: "flag",
    });
  });

  it("falls back to TUNELAB_STORAGE and TUNELAB_STUDY", () => {
    const env = { TUNELAB_STORAGE: "journal:env.log", TUNELAB_STUDY: "env" };
    expect(studyTarget({}, io(env))).toEqual({ storage: "journal:env.log", study: "env" });
  });

  it("treats an empty flag or variable as missing", () => {
    expect(() => studyTarget({ storage: "", study: "s" }, io({ TUNELAB_STORAGE: "" }))).toThrow(UsageError);
  });

  it("names --storage and TUNELAB_STORAGE when no storage is given", () => {
    expect(() => studyTarget({ study: "s" }, io({}))).toThrow(/--storage.*TUNELAB_STORAGE/);
    expect(() => storageTarget({}, io({}))).toThrow(/--storage.*TUNELAB_STORAGE/);
  });

  it("names --study and TUNELAB_STUDY when no study is given", () => {
    expect(() => studyTarget({ storage: "journal:a.log" }, io({}))).toThrow(/--study.*TUNELAB_STUDY/);
  });

  it("throws UsageError (exit code 2)", () => {
    try {
      studyTarget({}, io({}));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).exitCode).toBe(2);
    }
  });
});
