import { randomUUID } from "node:crypto";
import { StorageError } from "@tunelab/study";
import { afterAll, describe, expect, it } from "vitest";
import type { JournalRecord } from "../../src/journal/backend.js";
import { encodeJournalRecord } from "../../src/journal/codec.js";
import { openRedisStorage, RedisJournalBackend } from "../../src/redis/index.js";
import { serviceUrl } from "../service-url.js";
import { dropPrefix, freshPrefix, withRedis } from "./fresh-prefix.js";

const { url } = serviceUrl("TUNELAB_TEST_REDIS_URL", "scripts/services/redis.sh");

/** A SET_STUDY_USER_ATTR record (op code 2) with a unique worker id. */
const record = (tag: string): JournalRecord => ({
  op_code: 2,
  worker_id: `${randomUUID()}-${tag}`,
  study_id: 0,
  user_attr: { [tag]: tag },
});

describe.skipIf(url === null)("RedisJournalBackend", () => {
  const URL = url ?? "";
  const prefixes: string[] = [];
  const fresh = async (prefix = freshPrefix()) => {
    prefixes.push(prefix);
    return RedisJournalBackend.open(URL, { prefix });
  };
  afterAll(async () => {
    for (const p of prefixes) await dropPrefix(URL, p);
  });

  it("keeps records in Optuna's keys: <prefix>:log_number from -1 up, <prefix>:log:<n> one JSON text each", async () => {
    const b = await fresh();
    try {
      const recs = [record("a"), record("b"), record("c")];
      await b.appendLogs(recs.slice(0, 1));
      await b.appendLogs(recs.slice(1));
      await withRedis(URL, async (c) => {
        expect(await c.get(`${b.prefix}:log_number`)).toBe("2");
        for (let i = 0; i < 3; i++)
          expect(await c.get(`${b.prefix}:log:${i}`)).toBe(encodeJournalRecord(recs[i]!));
      });
      expect(await b.readLogs(0)).toEqual(recs);
    } finally {
      await b.close();
    }
  });

  it("reads by index: from any log number, empty past the end", async () => {
    const b = await fresh();
    try {
      const recs = Array.from({ length: 2500 }, (_, i) => record(`r${i}`));
      await b.appendLogs(recs.slice(0, 1200));
      await b.appendLogs(recs.slice(1200));
      expect(await b.readLogs(0)).toEqual(recs);
      expect(await b.readLogs(1999)).toEqual(recs.slice(1999));
      expect(await b.readLogs(2500)).toEqual([]);
      expect(await b.readLogs(9999)).toEqual([]);
      await expect(b.readLogs(-1)).rejects.toThrow(/fromLogNumber must be an integer >= 0/);
    } finally {
      await b.close();
    }
  });

  it("appends a batch atomically: concurrent batches from several clients never interleave", async () => {
    const prefix = freshPrefix();
    const backends = await Promise.all(Array.from({ length: 4 }, () => fresh(prefix)));
    try {
      await Promise.all(
        backends.map(async (b, k) => {
          for (let i = 0; i < 25; i++)
            await b.appendLogs([record(`${k}-${i}-0`), record(`${k}-${i}-1`), record(`${k}-${i}-2`)]);
        }),
      );
      const all = await backends[0]!.readLogs(0);
      expect(all.length).toBe(300);
      for (let i = 0; i < all.length; i += 3) {
        const tags = all.slice(i, i + 3).map((r) => r.worker_id.split("-").slice(-3).join("-"));
        const [k, n] = tags[0]!.split("-");
        expect(tags).toEqual([`${k}-${n}-0`, `${k}-${n}-1`, `${k}-${n}-2`]);
      }
    } finally {
      for (const b of backends) await b.close();
    }
  });

  it("a missing key below the counter (a writer between INCR and SET) ends the read there; the next read goes on", async () => {
    const b = await fresh();
    try {
      const recs = [record("a"), record("b"), record("c")];
      await b.appendLogs(recs);
      await withRedis(URL, async (c) => {
        // What Optuna with use_cluster=True leaves between its INCR and its SET.
        await c.incr(`${b.prefix}:log_number`);
      });
      expect(await b.readLogs(0)).toEqual(recs);
      const late = record("late");
      await withRedis(URL, (c) => c.set(`${b.prefix}:log:3`, encodeJournalRecord(late)));
      expect(await b.readLogs(3)).toEqual([late]);
    } finally {
      await b.close();
    }
  });

  it("refuses keys that are not a journal's, naming the key, and writes nothing over them", async () => {
    const prefix = freshPrefix();
    prefixes.push(prefix);
    await withRedis(URL, (c) => c.rPush(`${prefix}:log_number`, ["someone", "else's", "list"]));
    await expect(RedisJournalBackend.open(URL, { prefix })).rejects.toThrow(
      new RegExp(`the key "${prefix}:log_number" is a Redis list, not a journal's log number`),
    );
    await withRedis(URL, async (c) => {
      expect(await c.lRange(`${prefix}:log_number`, 0, -1)).toEqual(["someone", "else's", "list"]);
      await c.del(`${prefix}:log_number`);
      await c.set(`${prefix}:log_number`, "hello");
    });
    await expect(RedisJournalBackend.open(URL, { prefix })).rejects.toThrow(
      /holds "hello", not a journal's log number/,
    );

    const other = freshPrefix();
    prefixes.push(other);
    await withRedis(URL, async (c) => {
      await c.set(`${other}:log_number`, "0");
      await c.set(`${other}:log:0`, "this is not JSON");
    });
    const b = await RedisJournalBackend.open(URL, { prefix: other });
    try {
      await expect(b.readLogs(0)).rejects.toThrow(
        new RegExp(`the record at key "${other}:log:0" \\(log number 0\\) is not a journal record`),
      );
      await expect(b.readLogs(0)).rejects.toBeInstanceOf(StorageError);
    } finally {
      await b.close();
    }
    // A counter that another program turned into text after open: the append writes nothing.
    const third = freshPrefix();
    const c3 = await fresh(third);
    try {
      await withRedis(URL, (c) => c.set(`${third}:log_number`, "not-a-number"));
      await expect(c3.appendLogs([record("x")])).rejects.toThrow(/cannot append to the journal under key/);
      await withRedis(URL, async (c) => {
        expect(await c.get(`${third}:log_number`)).toBe("not-a-number");
        expect(await c.exists(`${third}:log:0`)).toBe(0);
      });
    } finally {
      await c3.close();
    }
  });

  it("stores study names, attribute keys and values with quotes, SQL and ../ as data, read back by another client", async () => {
    const prefix = freshPrefix();
    prefixes.push(prefix);
    const nasty = [
      "'; DROP TABLE studies; --",
      "../../etc/passwd",
      '"quoted" \\ back',
      "__proto__",
      "a\0b",
      "🎲 {} :log:0",
    ];
    const a = await openRedisStorage(URL, { prefix });
    const ids = new Map<string, number>();
    for (const name of nasty) ids.set(name, await a.createStudy(["minimize"], name));
    const first = ids.get(nasty[0]!)!;
    for (const k of nasty) await a.setStudyUserAttr(first, k, [k]);
    await a.close();
    const b = await openRedisStorage(URL, { prefix });
    try {
      for (const name of nasty) expect(await b.getStudyIdFromName(name)).toBe(ids.get(name));
      const attrs = await b.getStudyUserAttrs(first);
      expect(Object.keys(attrs).sort()).toEqual([...nasty].sort());
      for (const k of nasty) expect(Object.getOwnPropertyDescriptor(attrs, k)?.value).toEqual([k]);
    } finally {
      await b.close();
    }
  });

  it("an unreachable server: a StorageError naming the URL, password masked", async () => {
    const err = await RedisJournalBackend.open("redis://:s3cr3t-pw@127.0.0.1:1/0", {
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toContain("cannot connect to redis://:***@127.0.0.1:1/0");
    expect((err as Error).message).not.toContain("s3cr3t-pw");
  });

  it("refuses URLs of another kind and bad options", async () => {
    await expect(RedisJournalBackend.open("postgresql://u:p@h:5432/db")).rejects.toThrow(
      /redis:\/\/host:port\/db/,
    );
    await expect(RedisJournalBackend.open("redis://127.0.0.1:6379/x")).rejects.toThrow(
      /database must be a number/,
    );
    await expect(RedisJournalBackend.open(URL, { maxRetries: -1 })).rejects.toThrow(
      /maxRetries must be an integer >= 0/,
    );
    await expect(RedisJournalBackend.open(URL, { prefix: 3 as never })).rejects.toThrow(
      /prefix must be a string/,
    );
  });

  it("goes on through killed connections: every operation lands once, trial numbers 0..N-1", async () => {
    const prefix = freshPrefix();
    prefixes.push(prefix);
    const clientName = `tl-test-${randomUUID().slice(0, 8)}`;
    const storage = await openRedisStorage(URL, { prefix, clientName });
    const id = await storage.createStudy(["minimize"], "killed-connections");
    let kills = 0;
    let running = true;
    // Kills this storage's connection (found by its name) every 10 ms, at most 150 times.
    const killer = withRedis(URL, async (c) => {
      for (let round = 0; running && round < 150; round++) {
        for (const client of await c.clientList()) {
          if (client.name === clientName) {
            kills += await c.sendCommand(["CLIENT", "KILL", "ID", String(client.id)]).then(Number, () => 0);
          }
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    const N = 90;
    try {
      await Promise.all(
        Array.from({ length: 3 }, async (_, k) => {
          for (let i = k; i < N; i += 3) {
            const t = await storage.createTrial(id);
            await storage.updateTrial(t.trialId, { state: "COMPLETE", values: [i] });
          }
        }),
      );
    } finally {
      running = false;
      await killer;
    }
    expect(kills).toBeGreaterThan(0);
    const { trials } = await storage.getTrials(id);
    expect(trials.map((t) => t.number)).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(trials.every((t) => t.state === "COMPLETE")).toBe(true);
    await storage.close();
  });
});
