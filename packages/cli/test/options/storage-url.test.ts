import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliStorageUrl } from "../../src/options/storage-url.js";
import { workspace } from "../commands/harness.js";

const ws = workspace();
afterAll(() => ws.cleanup());

describe("cliStorageUrl", () => {
  it("reads the project's URL forms", () => {
    expect(cliStorageUrl("journal:./a.log")).toEqual({ kind: "journal", path: "./a.log" });
    expect(cliStorageUrl("sqlite:///rel.db")).toEqual({ kind: "sqlite", path: "rel.db" });
    expect(cliStorageUrl("redis://localhost:6379/0")).toMatchObject({ kind: "redis", host: "localhost" });
  });

  it("reads a bare path to an existing file as a journal, as Optuna's CLI does", () => {
    const path = join(ws.dir, "optuna.log");
    writeFileSync(path, "");
    expect(cliStorageUrl(path)).toEqual({ kind: "journal", path });
  });

  it("refuses a bare path that does not exist, naming --storage", () => {
    expect(() => cliStorageUrl(join(ws.dir, "nope.log"))).toThrow(
      /^--storage: ".*nope\.log" has no scheme and is not an existing file .*; write journal:.*nope\.log to create a journal/,
    );
  });

  it("refuses memory: every command is a new process", () => {
    expect(() => cliStorageUrl("memory")).toThrow(/^--storage: memory lasts one process/);
  });

  it("refuses an unknown scheme with the accepted forms, password masked", () => {
    expect(() => cliStorageUrl("mysql://u:secret@h/db")).toThrow(
      /^--storage: cannot read .*unknown scheme "mysql"/,
    );
    expect(() => cliStorageUrl("mysql://u:secret@h/db")).not.toThrow(/secret/);
  });
});
