import { randomUUID } from "node:crypto";
import {
  categoricalDistribution,
  floatDistribution,
  ManualClock,
  StorageError,
  StudyNotFoundError,
} from "@tunelab/study";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PostgresStorage } from "../../src/postgres/index.js";
import { MIGRATIONS, migrateSchema, tablesIn } from "../../src/postgres/schema.js";
import { serviceUrl } from "../service-url.js";
import { dropSchema, freshSchemaName, openFresh, withClient } from "./fresh-schema.js";

const { url } = serviceUrl("TUNELAB_TEST_POSTGRES_URL", "scripts/services/postgres.sh");

describe.skipIf(url === null)("PostgresStorage", () => {
  const URL = url ?? "";
  const schemas: string[] = [];
  const fresh = async (options: Parameters<typeof openFresh>[1] = {}) => {
    const s = await openFresh(URL, options);
    schemas.push(s.schema);
    return s;
  };
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(URL, schema);
  });

  describe("names and attributes", () => {
    const nasty = [
      "'; DROP TABLE tunelab_trials; --",
      "Robert'); DROP TABLE tunelab_studies;--",
      "../../etc/passwd",
      '"quoted" \\ back\\slash',
      "__proto__",
      "constructor",
      "$1 $2 %s %I",
      "ünïcødé 🎲 study",
    ];

    it("stores study names, attribute keys and values, and parameter names with quotes, SQL and ../ as data", async () => {
      const s = await fresh();
      const ids = new Map<string, number>();
      for (const name of nasty) ids.set(name, await s.createStudy(["minimize"], name));
      const id = ids.get(nasty[0]!)!;
      for (const k of nasty) {
        await s.setStudyUserAttr(id, k, { [k]: k });
        await s.setStudySystemAttr(id, k, [k]);
      }
      const t = await s.createTrial(id);
      const params: Record<string, { value: number; distribution: ReturnType<typeof floatDistribution> }> =
        {};
      for (const k of nasty) {
        Object.defineProperty(params, k, {
          value: { value: 0.5, distribution: floatDistribution(0, 1) },
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      await s.updateTrial(t.trialId, {
        params,
        userAttrs: Object.fromEntries(nasty.map((k) => [k, k])),
        state: "COMPLETE",
        values: [1],
      });
      await s.close();

      // Read back through a second storage (its own pool), as another process would.
      const again = await PostgresStorage.open(URL, { schema: s.schema });
      try {
        for (const name of nasty) expect(await again.getStudyIdFromName(name)).toBe(ids.get(name));
        expect((await again.getAllStudies()).map((x) => x.studyName).sort()).toEqual([...nasty].sort());
        const user = await again.getStudyUserAttrs(id);
        const system = await again.getStudySystemAttrs(id);
        expect(Object.keys(user).sort()).toEqual([...nasty].sort());
        for (const k of nasty) {
          expect(Object.getOwnPropertyDescriptor(user, k)?.value).toEqual(
            JSON.parse(JSON.stringify({ [k]: k })),
          );
          expect(Object.getOwnPropertyDescriptor(system, k)?.value).toEqual([k]);
        }
        const back = await again.getTrial(t.trialId);
        expect(Object.keys(back.params).sort()).toEqual([...nasty].sort());
        expect(Object.keys(back.userAttrs).sort()).toEqual([...nasty].sort());
        expect(Object.getPrototypeOf(back.params)).toBe(Object.prototype);
      } finally {
        await again.close();
      }
      // The tables are all still there.
      await withClient(URL, async (c) => {
        const r = await c.query(
          "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1",
          [s.schema],
        );
        expect(r.rows[0].n).toBe(3);
      });
    });

    it("refuses a study name that PostgreSQL text cannot hold, naming the argument", async () => {
      const s = await fresh();
      try {
        await expect(s.createStudy(["minimize"], "a\0b")).rejects.toThrow(
          /PostgresStorage\.createStudy: studyName .* NUL character/,
        );
        await expect(s.createStudy(["minimize"], "lone \uD800 surrogate")).rejects.toThrow(/surrogate/);
        await expect(s.getStudyIdFromName("a\0b")).rejects.toBeInstanceOf(StudyNotFoundError);
        expect(await s.getAllStudies()).toEqual([]);
      } finally {
        await s.close();
      }
    });

    it("keeps NUL characters, non-finite values and -0 inside trials exactly", async () => {
      const s = await fresh();
      try {
        const id = await s.createStudy(["minimize", "maximize"], "exact");
        const t = await s.createTrial(id);
        await s.updateTrial(t.trialId, {
          params: { "nul\0name": { value: 1, distribution: categoricalDistribution(["a\0", "b"]) } },
          userAttrs: { "k\0": "v\0" },
          intermediateValues: [
            [0, Number.NaN],
            [1, Number.POSITIVE_INFINITY],
            [2, -0],
          ],
        });
        await s.updateTrial(t.trialId, { state: "COMPLETE", values: [Number.NEGATIVE_INFINITY, -0] });
        const back = await s.getTrial(t.trialId);
        expect(back.params).toEqual({ "nul\0name": "b" });
        expect(back.userAttrs).toEqual({ "k\0": "v\0" });
        expect(Number.isNaN(back.intermediateValues.get(0))).toBe(true);
        expect(back.intermediateValues.get(1)).toBe(Number.POSITIVE_INFINITY);
        expect(Object.is(back.intermediateValues.get(2), -0)).toBe(true);
        expect(back.values![0]).toBe(Number.NEGATIVE_INFINITY);
        expect(Object.is(back.values![1], -0)).toBe(true);
      } finally {
        await s.close();
      }
    });
  });

  describe("connections and URLs", () => {
    it("an unreachable server: a StorageError naming the URL, password masked", async () => {
      const bad = "postgresql://alice:s3cr3t-pw@127.0.0.1:1/nowhere";
      const err = await PostgresStorage.open(bad, { connectTimeoutMs: 5000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as Error).message).toContain("postgresql://alice:***@127.0.0.1:1/nowhere");
      expect((err as Error).message).toMatch(/cannot connect/);
      expect((err as Error).message).not.toContain("s3cr3t-pw");
    });

    it("a wrong password: a StorageError without the password", async () => {
      const u = new globalThis.URL(URL);
      u.password = "definitely-wrong-pw";
      const err = await PostgresStorage.open(u.toString()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as Error).message).toMatch(/password authentication failed/);
      expect((err as Error).message).not.toContain("definitely-wrong-pw");
    });

    it("refuses URLs of another kind, unknown URL parameters and bad options", async () => {
      await expect(PostgresStorage.open("redis://127.0.0.1:6379/0")).rejects.toThrow(/postgresql:\/\//);
      await expect(PostgresStorage.open("sqlite:./x.db")).rejects.toThrow(RangeError);
      await expect(PostgresStorage.open(`${URL}?sslmode=sometimes`)).rejects.toThrow(/sslmode must be/);
      await expect(PostgresStorage.open(`${URL}?frobnicate=1`)).rejects.toThrow(/unsupported URL parameter/);
      await expect(PostgresStorage.open(URL, { poolSize: 0 })).rejects.toThrow(
        /poolSize must be an integer >= 1/,
      );
      await expect(PostgresStorage.open(URL, { schema: "" })).rejects.toThrow(/schema must be/);
    });

    it("retries through pg_terminate_backend mid-run: every operation completes once, numbers 0..N-1", async () => {
      const app = `tunelab-test-${randomUUID().slice(0, 8)}`;
      const s = await fresh({ applicationName: app, poolSize: 4 });
      const id = await s.createStudy(["minimize"], "terminated");
      let killed = 0;
      let running = true;
      const killer = withClient(URL, async (c) => {
        // Bounded: at most 200 rounds of 10 ms.
        for (let round = 0; running && round < 200; round++) {
          const r = await c.query(
            "SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()) k",
            [app],
          );
          killed += r.rows[0].n as number;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      });
      const N = 120;
      const work = async (k: number): Promise<void> => {
        for (let i = k; i < N; i += 6) {
          const t = await s.createTrial(id);
          await s.updateTrial(t.trialId, { systemAttrs: { beat: i } });
          await s.updateTrial(t.trialId, { state: "COMPLETE", values: [i] });
        }
      };
      try {
        await Promise.all(Array.from({ length: 6 }, (_, k) => work(k)));
      } finally {
        running = false;
        await killer;
      }
      expect(killed).toBeGreaterThan(0);
      const { trials } = await s.getTrials(id);
      expect(trials.map((t) => t.number)).toEqual(Array.from({ length: N }, (_, i) => i));
      expect(trials.every((t) => t.state === "COMPLETE")).toBe(true);
      expect(trials.map((t) => t.values?.[0] ?? Number.NaN).sort((a, b) => a - b)).toEqual(
        Array.from({ length: N }, (_, i) => i),
      );
      await s.close();
    });

    it("fails with a StorageError after its retries when the server stays away", async () => {
      const app = `tunelab-test-${randomUUID().slice(0, 8)}`;
      const s = await fresh({ applicationName: app, maxRetries: 2, retryDelayMs: 1 });
      const id = await s.createStudy(["minimize"], "gone");
      // Every new connection of this storage is terminated as soon as it shows up.
      await withClient(URL, async (c) => {
        const end = Date.now() + 20_000;
        const op = s.createTrial(id).then(
          () => null,
          (e: unknown) => e,
        );
        let settled: unknown;
        let done = false;
        void op.then((e) => {
          settled = e;
          done = true;
        });
        while (!done && Date.now() < end) {
          await c.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
            [app],
          );
        }
        await op;
        // Either the operation squeezed through between two kills, or it failed cleanly.
        if (settled !== null) {
          expect(settled).toBeInstanceOf(StorageError);
          expect((settled as Error).message).toMatch(/lost the connection to postgresql:\/\/.*:\*\*\*@/);
        }
      });
      await s.close();
    });

    it("a closed storage refuses further calls", async () => {
      const s = await fresh();
      await s.close();
      await s.close();
      await expect(s.getAllStudies()).rejects.toThrow(/closed/);
    });
  });

  describe("schema", () => {
    it("records application and schema version in tunelab_meta, with the indexes on (study, number) and (study, state)", async () => {
      const s = await fresh();
      await s.close();
      await withClient(URL, async (c) => {
        const meta = await c.query(
          `SELECT key, value FROM ${pg.escapeIdentifier(s.schema)}.tunelab_meta ORDER BY key`,
        );
        expect(meta.rows).toEqual([
          { key: "application", value: "tunelab" },
          { key: "schema_version", value: String(MIGRATIONS[MIGRATIONS.length - 1]!.version) },
        ]);
        const idx = await c.query(
          "SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'tunelab_trials'",
          [s.schema],
        );
        const defs = idx.rows.map((r) => String(r.indexdef));
        expect(defs.some((d) => /UNIQUE.*\(study_id, number\)/.test(d))).toBe(true);
        expect(defs.some((d) => /\(study_id, state\)/.test(d))).toBe(true);
      });
    });

    it("refuses tunelab_* tables that tunelab did not make, and leaves them untouched", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const q = pg.escapeIdentifier(schema);
      await withClient(URL, async (c) => {
        await c.query(`CREATE SCHEMA ${q}`);
        await c.query(`CREATE TABLE ${q}.tunelab_trials (id int, note text)`);
        await c.query(`INSERT INTO ${q}.tunelab_trials VALUES (1, 'precious')`);
      });
      await expect(PostgresStorage.open(URL, { schema })).rejects.toThrow(
        /tunelab_trials .* but no tunelab_meta: they were not made by tunelab/,
      );
      await withClient(URL, async (c) => {
        await c.query(`CREATE TABLE ${q}.tunelab_meta (key text, value text)`);
        await c.query(`INSERT INTO ${q}.tunelab_meta VALUES ('application', 'someone-else')`);
      });
      await expect(PostgresStorage.open(URL, { schema })).rejects.toThrow(
        /does not name application "tunelab"/,
      );
      await withClient(URL, async (c) => {
        expect((await c.query(`SELECT * FROM ${q}.tunelab_trials`)).rows).toEqual([
          { id: 1, note: "precious" },
        ]);
        expect((await c.query(`SELECT * FROM ${q}.tunelab_meta`)).rows).toEqual([
          { key: "application", value: "someone-else" },
        ]);
        const tables = await c.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
          [schema],
        );
        expect(tables.rows.map((r) => r.table_name).sort()).toEqual(["tunelab_meta", "tunelab_trials"]);
      });
    });

    it("shares a database with another application's tables (Optuna's RDB names) without touching them", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const q = pg.escapeIdentifier(schema);
      await withClient(URL, async (c) => {
        await c.query(`CREATE SCHEMA ${q}`);
        await c.query(`CREATE TABLE ${q}.studies (study_id serial PRIMARY KEY, study_name text)`);
        await c.query(`CREATE TABLE ${q}.trials (trial_id serial PRIMARY KEY, number int)`);
        await c.query(`CREATE TABLE ${q}.alembic_version (version_num text)`);
        await c.query(`INSERT INTO ${q}.studies (study_name) VALUES ('optuna-study')`);
        await c.query(`INSERT INTO ${q}.trials (number) VALUES (0), (1)`);
      });
      const s = await PostgresStorage.open(URL, { schema });
      const id = await s.createStudy(["minimize"], "optuna-study");
      await s.createTrial(id);
      expect((await s.getAllStudies()).map((x) => x.studyName)).toEqual(["optuna-study"]);
      await s.close();
      await withClient(URL, async (c) => {
        expect((await c.query(`SELECT study_name FROM ${q}.studies`)).rows).toEqual([
          { study_name: "optuna-study" },
        ]);
        expect((await c.query(`SELECT count(*)::int AS n FROM ${q}.trials`)).rows[0].n).toBe(2);
      });
    });

    it("refuses a schema version newer than it knows", async () => {
      const s = await fresh();
      await s.close();
      await withClient(URL, (c) =>
        c.query(
          `UPDATE ${pg.escapeIdentifier(s.schema)}.tunelab_meta SET value = '99' WHERE key = 'schema_version'`,
        ),
      );
      await expect(PostgresStorage.open(URL, { schema: s.schema })).rejects.toThrow(
        /schema version 99, newer than this tunelab knows/,
      );
    });

    it("migrates an existing database step by step, once, under concurrent openers, keeping its data", async () => {
      const s = await fresh();
      const id = await s.createStudy(["minimize"], "kept");
      await s.createTrial(id);
      await s.close();
      const tables = tablesIn(s.schema);
      const v2 = {
        version: 2,
        // Fails if applied twice (CREATE TABLE without IF NOT EXISTS); counts its runs.
        statements: () => [
          `CREATE TABLE ${pg.escapeIdentifier(s.schema)}.v2_marker (n int)`,
          `INSERT INTO ${pg.escapeIdentifier(s.schema)}.v2_marker VALUES (1)`,
        ],
      };
      const clients = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const c = new pg.Client({ connectionString: URL });
          await c.connect();
          return c;
        }),
      );
      try {
        const versions = await Promise.all(
          clients.map((c) =>
            migrateSchema(c as unknown as pg.PoolClient, tables, "test", [...MIGRATIONS, v2]),
          ),
        );
        expect(versions).toEqual([2, 2, 2, 2]);
        const marker = await clients[0]!.query(
          `SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(s.schema)}.v2_marker`,
        );
        expect(marker.rows[0].n).toBe(1);
      } finally {
        for (const c of clients) await c.end();
      }
      // This code knows version 1 only, so the database is now too new for it...
      await expect(PostgresStorage.open(URL, { schema: s.schema })).rejects.toThrow(/schema version 2/);
      // ...and the data survived the step.
      await withClient(URL, async (c) => {
        const r = await c.query(`SELECT study_name FROM ${pg.escapeIdentifier(s.schema)}.tunelab_studies`);
        expect(r.rows).toEqual([{ study_name: "kept" }]);
      });
    });

    it("creates its tables once when many processes open a new database at once", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const storages = await Promise.all(
        Array.from({ length: 6 }, () => PostgresStorage.open(URL, { schema })),
      );
      const ids = await Promise.allSettled(storages.map((s) => s.createStudy(["minimize"], "one")));
      expect(ids.filter((r) => r.status === "fulfilled").length).toBe(1);
      for (const s of storages) await s.close();
    });
  });

  describe("reads and time", () => {
    it("incremental reads see the writes of another storage (another process) on the same database", async () => {
      const a = await fresh();
      const b = await PostgresStorage.open(URL, { schema: a.schema });
      try {
        const id = await a.createStudy(["minimize"], "shared");
        const page0 = await b.getTrials(id);
        expect(page0.trials).toEqual([]);
        const t0 = await a.createTrial(id);
        const t1 = await a.createTrial(id);
        const page1 = await b.getTrials(id, { since: page0.cursor });
        expect(page1.trials.map((t) => t.number)).toEqual([0, 1]);
        await a.updateTrial(t1.trialId, { state: "COMPLETE", values: [3] });
        const page2 = await b.getTrials(id, { since: page1.cursor });
        expect(page2.trials.map((t) => [t.number, t.state])).toEqual([[1, "COMPLETE"]]);
        expect((await b.getTrials(id, { since: page2.cursor })).trials).toEqual([]);
        expect((await b.getTrial(t0.trialId)).state).toBe("RUNNING");
        await expect(b.getTrials(987654)).rejects.toBeInstanceOf(StudyNotFoundError);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it("takes trial datetimes from the injected clock", async () => {
      const clock = new ManualClock({ start: Date.UTC(2024, 4, 1, 12) });
      const s = await fresh({ clock });
      try {
        const id = await s.createStudy(["maximize"], "clocked");
        const t = await s.createTrial(id);
        clock.advance(5000);
        const done = await s.updateTrial(t.trialId, { state: "COMPLETE", values: [1] });
        const back = await s.getTrial(t.trialId);
        for (const x of [done, back]) {
          expect(x.datetimeStart!.toISOString()).toBe("2024-05-01T12:00:00.000Z");
          expect(x.datetimeComplete!.toISOString()).toBe("2024-05-01T12:00:05.000Z");
          expect(x.duration).toBe(5000);
        }
        const summary = (await s.getAllStudies())[0]!;
        expect(summary.bestTrial?.number).toBe(0);
        expect(summary.datetimeStart!.toISOString()).toBe("2024-05-01T12:00:00.000Z");
      } finally {
        await s.close();
      }
    });
  });
});
