import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type LogLevel, setLogHandler } from "@tunelab/study";
import { afterEach, describe, expect, it } from "vitest";
import {
  decodeJournalRecord,
  JournalCorruptLineError,
  JournalFileBackend,
  type JournalRecord,
  openJournalFileStorage,
} from "../../src/journal/index.js";
import { withFsHook } from "./fs-hook.js";
import { tempDir } from "./tmp.js";

const warnings: string[] = [];
setLogHandler((level: Exclude<LogLevel, "silent">, message: string) => {
  if (level === "warn") warnings.push(message);
});
afterEach(() => {
  warnings.length = 0;
});

const rec = (i: number): JournalRecord => ({ op_code: 1, worker_id: `w-${i}`, study_id: i });
const line = (i: number): string => `{"op_code":1,"worker_id":"w-${i}","study_id":${i}}\n`;
const journal = (content = ""): string => {
  const file = path.join(tempDir(), "s.log");
  fs.writeFileSync(file, content);
  return file;
};
const ids = (records: readonly JournalRecord[]): unknown[] => records.map((r) => r.study_id);

describe("JournalFileBackend: appends", () => {
  it("writes each record as one line of compact JSON, in order, and creates a missing file", async () => {
    const file = path.join(tempDir(), "new.log");
    const b = await JournalFileBackend.open(file);
    expect(fs.readFileSync(file, "utf8")).toBe("");
    await b.appendLogs([rec(0), rec(1)]);
    await b.appendLogs([
      { op_code: 7, worker_id: "w", trial_id: 0, step: 2, intermediate_value: Number.NaN },
    ]);
    expect(fs.readFileSync(file, "utf8")).toBe(
      `${line(0)}${line(1)}{"op_code":7,"worker_id":"w","trial_id":0,"step":2,"intermediate_value":NaN}\n`,
    );
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it("cuts a torn last line (a writer died mid-write) before appending, keeping every earlier record", async () => {
    const torn = '{"op_code":1,"worker_id":"w-2","stu';
    const file = journal(`${line(0)}${line(1)}${torn}`);
    const b = await JournalFileBackend.open(file);
    await b.appendLogs([rec(3)]);
    expect(fs.readFileSync(file, "utf8")).toBe(`${line(0)}${line(1)}${line(3)}`);
    expect(warnings).toContain(
      `journal file ${file}: removed an incomplete last line (${torn.length} bytes) left by a writer that stopped mid-write`,
    );
    expect(ids(await new JournalFileBackend(file).readLogs(0))).toEqual([0, 1, 3]);
  });

  it("cuts a torn first line too", async () => {
    const file = journal('{"op_code":0,"worker_id":"w","study_na');
    const b = await JournalFileBackend.open(file);
    await b.appendLogs([rec(5)]);
    expect(fs.readFileSync(file, "utf8")).toBe(line(5));
  });

  it("refuses to append when opened read-only", async () => {
    const b = await JournalFileBackend.open(journal(line(0)), { readOnly: true });
    await expect(b.appendLogs([rec(1)])).rejects.toThrow(/read-only/);
  });

  it("leaves in place the lock of a worker that broke this one's and took its own during the write", async () => {
    // Another worker acts while this one is inside its write: the fsync is where the test
    // steps in (node:fs's fsyncSync replaced for the one call). It breaks the lock as stale
    // (Optuna's rename and unlink) and takes its own.
    const file = journal(line(0));
    const b = await JournalFileBackend.open(file, { fsync: true });
    let theirs: number | null = null;
    const { acted } = await withFsHook(
      "fsyncSync",
      () => {
        const aside = `${b.lock.lockPath}.other.rename`;
        fs.renameSync(b.lock.lockPath, aside);
        fs.unlinkSync(aside);
        fs.writeFileSync(b.lock.lockPath, "", { flag: "wx" });
        theirs = fs.lstatSync(b.lock.lockPath).ino;
        return true;
      },
      () => b.appendLogs([rec(1)]),
    );
    expect(acted).toBe(true);
    expect(theirs).not.toBeNull();
    expect(fs.lstatSync(b.lock.lockPath).ino).toBe(theirs);
    expect(warnings).toContain(
      `journal lock ${b.lock.lockPath} was broken by another worker while this one held it`,
    );
    expect(fs.readFileSync(file, "utf8")).toBe(`${line(0)}${line(1)}`);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes(".rename"))).toEqual([]);
  });
});

describe("JournalFileBackend: reads", () => {
  it("reads incrementally from the byte offset where the last read stopped", async () => {
    const file = journal(`${line(0)}${line(1)}`);
    const b = await JournalFileBackend.open(file);
    expect(ids(await b.readLogs(0))).toEqual([0, 1]);
    // Garble the lines already read (same length): a reader that starts from its offset never sees them.
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, "x".repeat(text.length - 1) + "\n");
    fs.appendFileSync(file, line(2));
    expect(ids(await b.readLogs(2))).toEqual([2]);
    expect(await b.readLogs(3)).toEqual([]);
    // Asking for earlier records starts again from the top (and meets the garbled line).
    await expect(b.readLogs(0)).rejects.toThrow(JournalCorruptLineError);
  });

  it("reads the same records, and resumes at the same byte offsets, whether the text is ASCII or holds UTF-8 (é, 日本, an emoji)", async () => {
    // ASCII text takes a faster path (one decode, lines cut as a string): both must agree.
    for (const name of ["plain", "caf\u00e9 \u65e5\u672c \u{1F600}"]) {
      const attr = (i: number): JournalRecord => ({
        op_code: 2,
        worker_id: `w-${i}`,
        study_id: 0,
        user_attr: { [name]: `${name}-${i}` },
      });
      const file = path.join(tempDir(), "s.log");
      const w = await JournalFileBackend.open(file);
      await w.appendLogs([attr(0), attr(1)]);
      const r = await JournalFileBackend.open(file);
      expect(await r.readLogs(0)).toEqual([attr(0), attr(1)]);
      await w.appendLogs([attr(2)]);
      // A line torn in the middle of a multi-byte character, then completed.
      const next = `${JSON.stringify(attr(3))}\n`;
      const bytes = Buffer.from(next, "utf8");
      const cut = name === "plain" ? 20 : bytes.indexOf(0xe6) + 1;
      fs.appendFileSync(file, bytes.subarray(0, cut));
      expect(await r.readLogs(2)).toEqual([attr(2)]);
      fs.appendFileSync(file, bytes.subarray(cut));
      expect(await r.readLogs(3)).toEqual([attr(3)]);
      expect(await (await JournalFileBackend.open(file)).readLogs(0)).toEqual([0, 1, 2, 3].map(attr));
      await w.close();
      await r.close();
    }
  });

  it("ignores a torn last line until it is completed, and never loses the records before it", async () => {
    const file = journal(`${line(0)}{"op_code":1,"worker_id":"w-1",`);
    const b = await JournalFileBackend.open(file);
    expect(ids(await b.readLogs(0))).toEqual([0]);
    expect(ids(await b.readLogs(1))).toEqual([]);
    fs.appendFileSync(file, '"study_id":1}\n');
    expect(ids(await b.readLogs(1))).toEqual([1]);
  });

  it("holds back a complete last line that is not a record (a write not yet fully visible) without an error", async () => {
    const file = journal(`${line(0)}{"op_code":1,\0\0\0\0"study_id":1}\n`);
    const b = await JournalFileBackend.open(file);
    expect(ids(await b.readLogs(0))).toEqual([0]);
  });

  it("throws JournalCorruptLineError naming the file and the line when a later line follows a bad one", async () => {
    const file = journal(`${line(0)}this is not json\n${line(2)}`);
    const error = await (await JournalFileBackend.open(file)).readLogs(0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalCorruptLineError);
    expect((error as JournalCorruptLineError).lineNumber).toBe(2);
    expect((error as Error).message).toContain(
      `journal file ${file}: line 2 is not a journal record (not JSON`,
    );
    expect((error as Error).message).toContain("skipCorruptLines");
  });

  it("names a line that is JSON but not a record, with why", async () => {
    const file = journal(
      `${line(0)}${line(1)}{"op_code":6,"worker_id":"w","trial_id":0,"state":9}\n${line(3)}`,
    );
    await expect((await JournalFileBackend.open(file)).readLogs(0)).rejects.toThrow(
      /line 3 is not a journal record \(SET_TRIAL_STATE_VALUES: state must be an integer from 0 to 4\)/,
    );
  });

  it("skips corrupt lines with skipCorruptLines, with a warning naming each", async () => {
    const file = journal(`${line(0)}garbage\n${line(2)}{"op_code":99,"worker_id":"w"}\n${line(4)}`);
    const b = await JournalFileBackend.open(file, { skipCorruptLines: true });
    expect(ids(await b.readLogs(0))).toEqual([0, 2, 4]);
    expect(warnings.filter((w) => /skipped line [24]/.test(w))).toHaveLength(2);
    fs.appendFileSync(file, line(5));
    expect(ids(await b.readLogs(3))).toEqual([5]);
  });

  it("skips empty lines", async () => {
    const b = await JournalFileBackend.open(journal(`${line(0)}\n\n${line(1)}`));
    expect(ids(await b.readLogs(0))).toEqual([0, 1]);
  });

  it("reads lines across its 4 MiB read chunks", async () => {
    const big = `{"op_code":2,"worker_id":"w","study_id":0,"user_attr":{"k":"${"é".repeat(1_500_000)}"}}\n`;
    const file = journal(`${line(0)}${big}${big}${line(3)}`);
    const records = await (await JournalFileBackend.open(file)).readLogs(0);
    expect(records.map((r) => r.op_code)).toEqual([1, 2, 2, 1]);
    expect(((records[1]!.user_attr as Record<string, string>).k as string).length).toBe(1_500_000);
  });

  it("throws JournalFileError when the file shrank under a reader", async () => {
    const file = journal(`${line(0)}${line(1)}`);
    const b = await JournalFileBackend.open(file);
    await b.readLogs(0);
    fs.writeFileSync(file, line(0));
    await expect(b.readLogs(2)).rejects.toThrow(/shorter than the \d+ bytes already read/);
  });
});

describe("JournalFileBackend.open: clear errors", () => {
  it("a missing directory", async () => {
    const dir = path.join(tempDir(), "missing");
    await expect(JournalFileBackend.open(path.join(dir, "s.log"))).rejects.toThrow(
      `its directory ${dir} does not exist (ENOENT); create it first`,
    );
  });

  it("a directory where the file should be", async () => {
    await expect(JournalFileBackend.open(tempDir())).rejects.toThrow(/is not a regular file/);
  });

  it("a file that is not a journal (text, JSON of another shape, SQLite, binary)", async () => {
    for (const content of [
      "hello\nworld\n",
      '{"name": "not a record"}\n',
      "SQLite format 3\0\x10\0\x01\x01\0@  ",
      "\x89PNG\r\n\x1a\n",
    ]) {
      const file = journal();
      fs.writeFileSync(file, Buffer.from(content, "latin1"));
      await expect(JournalFileBackend.open(file)).rejects.toThrow(`${file} is not a journal file`);
      expect(fs.readFileSync(file, "latin1")).toBe(content); // untouched
    }
  });

  it("an empty file, and a file whose only line is torn, are journals", async () => {
    await expect(JournalFileBackend.open(journal(""))).resolves.toBeInstanceOf(JournalFileBackend);
    await expect(JournalFileBackend.open(journal('{"op_code": 0, "work'))).resolves.toBeInstanceOf(
      JournalFileBackend,
    );
  });

  it("bad options name the option and the allowed values", () => {
    expect(() => new JournalFileBackend("")).toThrow(/non-empty string/);
    expect(() => new JournalFileBackend("s.log", { lock: "flock" as never })).toThrow(
      /lock must be "symlink" or "open"/,
    );
    expect(() => new JournalFileBackend("s.log", { lockGracePeriod: 0 })).toThrow(
      /lockGracePeriod must be a positive/,
    );
    expect(() => new JournalFileBackend("s.log", { lockTimeout: Number.NaN })).toThrow(
      /lockTimeout must be a positive/,
    );
    expect(() => new JournalFileBackend("s.log", { fsync: "yes" as never })).toThrow(
      /fsync must be true or false/,
    );
  });
});

/** Makes `file` read-only for this process: chmod for a user, the immutable attribute for root (who ignores modes). */
function makeReadOnly(file: string): (() => void) | string {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(file, 0o444);
    return () => fs.chmodSync(file, 0o644);
  }
  const r = spawnSync("chattr", ["+i", file], { encoding: "utf8" });
  if (r.status !== 0)
    return `running as root, and chattr +i failed (${(r.stderr || r.error?.message || "").trim()})`;
  return () => spawnSync("chattr", ["-i", file]);
}

describe("JournalFileBackend: a read-only file", () => {
  it("is refused for writing with a clear error, and opens with readOnly: true", async (ctx) => {
    const file = journal(line(0));
    const undo = makeReadOnly(file);
    if (typeof undo === "string") return ctx.skip(undo);
    try {
      await expect(JournalFileBackend.open(file)).rejects.toThrow(
        new RegExp(
          `journal file ${file}: cannot write to it \\((EACCES|EPERM)\\): the file or its directory is read-only`,
        ),
      );
      const b = await JournalFileBackend.open(file, { readOnly: true });
      expect(ids(await b.readLogs(0))).toEqual([0]);
    } finally {
      undo();
    }
  });
});

describe("a study on a journal file", () => {
  it("loads with a torn last line, and the next append leaves every line a record", async () => {
    const file = path.join(tempDir(), "study.log");
    const a = await openJournalFileStorage(file);
    const id = await a.createStudy(["minimize"], "s");
    const t = await a.createTrial(id);
    await a.updateTrial(t.trialId, { state: "COMPLETE", values: [1] });
    await a.close();
    fs.appendFileSync(file, '{"op_code":4,"worker_id":"dead","study_id":0,"datetime_st'); // a crash mid-write
    const b = await openJournalFileStorage(file);
    expect((await b.getTrials(id)).trials.map((x) => [x.number, x.state])).toEqual([[0, "COMPLETE"]]);
    const next = await b.createTrial(id);
    expect(next.number).toBe(1);
    const lines = fs.readFileSync(file, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    for (const l of lines) decodeJournalRecord(l);
    await b.close();
  });
});
