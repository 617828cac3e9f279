/**
 * The facade opens persistent storages from URLs (issue 10): `journal:`, `sqlite:`,
 * `postgresql://`, `redis://`. One storage per URL per process (and clock); closing it lets
 * the URL open again; a failed opening is not remembered; an idle storage does not keep the
 * process alive.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { JournalStorage } from "@tunelab/storage/journal";
import { PostgresStorage } from "@tunelab/storage/postgres";
import { SqliteStorage } from "@tunelab/storage/sqlite";
import { ManualClock } from "@tunelab/study";
import { afterAll, describe, expect, it } from "vitest";
import { serviceUrl } from "../../../storage/test/service-url.js";
import { createStudy, getAllStudies, loadStudy, RandomSampler } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "tunelab-urls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CHILD = join(dirname(fileURLToPath(import.meta.url)), "url-child.ts");

async function fiveTrials(storage: string, studyName: string): Promise<void> {
  const study = await createStudy({ storage, studyName, sampler: new RandomSampler({ seed: 1 }) });
  await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 5 });
}

/** Runs url-child.ts; returns its exit status and output. */
function child(url: string, name: string): { status: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    ["--conditions=@tunelab/source", "--import", "tsx", CHILD, url, name],
    { encoding: "utf8", timeout: 60_000, env: { ...process.env, TUNELAB_LOG_LEVEL: "warn" } },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("journal: and sqlite: URLs", () => {
  it("journal: writes Optuna's journal, and loadStudy by the same URL shares the storage", async () => {
    const url = `journal:${join(dir, "a.log")}`;
    await fiveTrials(url, "j");
    const loaded = await loadStudy({ storage: url, studyName: "j" });
    expect(loaded.storage).toBeInstanceOf(JournalStorage);
    expect(loaded.trials.map((t) => t.state)).toEqual(Array(5).fill("COMPLETE"));
    const again = await loadStudy({ storage: url, studyName: "j" });
    expect(again.storage).toBe(loaded.storage);
    // Optuna's record format: one JSON object per line with an op_code.
    const lines = readFileSync(join(dir, "a.log"), "utf8").trim().split("\n");
    expect(lines.every((l) => typeof JSON.parse(l).op_code === "number")).toBe(true);
  });

  it("sqlite: (and SQLAlchemy's sqlite:////abs form) opens one SQLite database", async () => {
    const path = join(dir, "b.db");
    await fiveTrials(`sqlite:${path}`, "s");
    const loaded = await loadStudy({ storage: `sqlite:///${path}`, studyName: "s" });
    expect(loaded.storage).toBeInstanceOf(SqliteStorage);
    expect(loaded.trials).toHaveLength(5);
    const names = (await getAllStudies({ storage: `sqlite:${path}` })).map((s) => s.studyName);
    expect(names).toEqual(["s"]);
  });

  it("a closed storage is forgotten: the URL opens a new one that sees the same study", async () => {
    const url = `journal:${join(dir, "c.log")}`;
    await fiveTrials(url, "c");
    const first = (await loadStudy({ storage: url, studyName: "c" })).storage;
    await first.close();
    const second = await loadStudy({ storage: url, studyName: "c" });
    expect(second.storage).not.toBe(first);
    expect(second.trials).toHaveLength(5);
  });

  it("a failed opening names the file and is not remembered", async () => {
    const sub = join(dir, "later");
    const url = `sqlite:${join(sub, "d.db")}`;
    await expect(createStudy({ storage: url })).rejects.toThrow(/later/);
    mkdirSync(sub);
    await expect(createStudy({ storage: url, studyName: "d" })).resolves.toBeDefined();
  });

  it("each clock gets its own storage (storages read time through the clock they open with)", async () => {
    const url = `journal:${join(dir, "e.log")}`;
    const clock = new ManualClock({ start: Date.UTC(2030, 0, 1) });
    const a = await createStudy({ storage: url, studyName: "e", clock });
    const b = await loadStudy({ storage: url, studyName: "e" });
    expect(a.storage).not.toBe(b.storage);
    const trial = await a.ask();
    await a.tell(trial, 1);
    expect((await b.storage.getTrials(b.studyId)).trials[0]?.datetimeStart?.getTime()).toBe(
      Date.UTC(2030, 0, 1),
    );
  });

  it.each(["journal", "sqlite"])(
    "%s: a script that never closes the storage still exits",
    (kind) => {
      const url = `${kind}:${join(dir, `child.${kind}`)}`;
      const r = child(url, "child");
      expect(r.out).toContain("trials=5");
      expect(r.status).toBe(0);
    },
    90_000,
  );
});

const pg = serviceUrl("TUNELAB_TEST_POSTGRES_URL", "scripts/services/postgres.sh");
describe.skipIf(pg.url === null)("postgresql:// URLs", () => {
  it("opens PostgresStorage, shared by createStudy and loadStudy", async () => {
    const name = `facade-pg-${process.pid}-${Date.now()}`;
    await fiveTrials(pg.url!, name);
    const loaded = await loadStudy({ storage: pg.url!, studyName: name });
    expect(loaded.storage).toBeInstanceOf(PostgresStorage);
    expect(loaded.trials).toHaveLength(5);
  });

  it("a script that never closes the storage still exits", () => {
    const r = child(pg.url!, `facade-pg-child-${process.pid}-${Date.now()}`);
    expect(r.out).toContain("trials=5");
    expect(r.status).toBe(0);
  }, 90_000);
});

const redis = serviceUrl("TUNELAB_TEST_REDIS_URL", "scripts/services/redis.sh");
describe.skipIf(redis.url === null)("redis:// URLs", () => {
  it("opens a journal in Redis, shared by createStudy and loadStudy", async () => {
    const name = `facade-redis-${process.pid}-${Date.now()}`;
    await fiveTrials(redis.url!, name);
    const loaded = await loadStudy({ storage: redis.url!, studyName: name });
    expect(loaded.storage).toBeInstanceOf(JournalStorage);
    expect(loaded.trials).toHaveLength(5);
  });

  it("a script that never closes the storage still exits", () => {
    const r = child(redis.url!, `facade-redis-child-${process.pid}-${Date.now()}`);
    expect(r.out).toContain("trials=5");
    expect(r.status).toBe(0);
  }, 90_000);
});
