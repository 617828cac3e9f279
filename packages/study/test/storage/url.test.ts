import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeStorageUrl, parseStorageUrl, type StorageUrl } from "../../src/storage/url.js";

const FORMS =
  /Accepted forms: memory, journal:\.\/study\.log, journal:\/abs\/path, sqlite:\.\/study\.db, postgresql:\/\/user:pass@host:port\/db, redis:\/\/host:port\/db$/;

describe("parseStorageUrl", () => {
  it("reads every accepted form into its tagged record", () => {
    const cases: [string, StorageUrl][] = [
      ["memory", { kind: "memory" }],
      ["memory:", { kind: "memory" }],
      ["journal:./study.log", { kind: "journal", path: "./study.log" }],
      ["journal:/abs/path", { kind: "journal", path: "/abs/path" }],
      ["journal:runs/a b.log", { kind: "journal", path: "runs/a b.log" }],
      ["sqlite:./study.db", { kind: "sqlite", path: "./study.db" }],
      ["sqlite:/abs/study.db", { kind: "sqlite", path: "/abs/study.db" }],
      ["sqlite:///rel.db", { kind: "sqlite", path: "rel.db" }],
      ["sqlite:////abs.db", { kind: "sqlite", path: "/abs.db" }],
      [
        "postgresql://user:pass@host:5433/db",
        {
          kind: "postgresql",
          host: "host",
          port: 5433,
          database: "db",
          user: "user",
          password: "pass",
          options: {},
        },
      ],
      [
        "postgres://localhost/hpo?sslmode=require",
        {
          kind: "postgresql",
          host: "localhost",
          port: 5432,
          database: "hpo",
          user: null,
          password: null,
          options: { sslmode: "require" },
        },
      ],
      [
        "postgresql://me:p%40ss%2Fw@[::1]:5432/my%20db",
        {
          kind: "postgresql",
          host: "::1",
          port: 5432,
          database: "my db",
          user: "me",
          password: "p@ss/w",
          options: {},
        },
      ],
      [
        "redis://host:6380/2",
        { kind: "redis", host: "host", port: 6380, db: 2, user: null, password: null, tls: false },
      ],
      [
        "redis://localhost",
        { kind: "redis", host: "localhost", port: 6379, db: 0, user: null, password: null, tls: false },
      ],
      [
        "rediss://:secret@cache/0",
        { kind: "redis", host: "cache", port: 6379, db: 0, user: null, password: "secret", tls: true },
      ],
    ];
    for (const [url, expected] of cases) expect(parseStorageUrl(url), url).toEqual(expected);
  });

  it("accepts schemes in any case", () => {
    expect(parseStorageUrl("MEMORY")).toEqual({ kind: "memory" });
    expect(parseStorageUrl("Journal:x.log")).toEqual({ kind: "journal", path: "x.log" });
  });

  it("refuses unknown and malformed URLs, naming the URL and the accepted forms", () => {
    const cases: [string, RegExp][] = [
      ["mysql://db/x", /"mysql:\/\/db\/x": unknown scheme "mysql"/],
      ["./study.log", /"\.\/study\.log": it has no scheme/],
      ["", /"": it has no scheme/],
      ["memory:x", /memory takes nothing after it/],
      ["journal:", /the file path is empty/],
      ["journal://host/x", /"journal:\/\/" would name a host/],
      ["sqlite://host/x.db", /"sqlite:\/\/" would name a host/],
      ["postgresql:host/db", /write postgresql:\/\/user:pass@host:port\/db/],
      ["postgresql://host", /name one database after the host/],
      ["postgresql://host/a/b", /name one database after the host/],
      ["postgresql://host:0/db", /the port must be in 1\.\.65535, got 0/],
      ["postgresql://host:99999/db", /it is not a valid URL/],
      ["postgresql:///db", /the host is missing/],
      ["postgresql://host/db#x", /#fragment/],
      ["redis://host/x", /the database must be a number >= 0/],
      ["redis://host/1?timeout=3", /redis URLs take no query parameters/],
    ];
    for (const [url, why] of cases) {
      expect(() => parseStorageUrl(url), url).toThrow(RangeError);
      expect(() => parseStorageUrl(url), url).toThrow(why);
      expect(() => parseStorageUrl(url), url).toThrow(FORMS);
      expect(() => parseStorageUrl(url), url).toThrow(/^storage: cannot read the storage URL/);
    }
    expect(() => parseStorageUrl(42 as unknown as string)).toThrow(
      /parseStorageUrl: a storage URL must be a string, got number/,
    );
  });

  it("never puts a password in an error message", () => {
    for (const url of [
      "postgresql://me:s3cret@host",
      "redis://:s3cret@host/x",
      "postgresql://me:s3c@ret@h:0/db",
    ]) {
      let message = "";
      try {
        parseStorageUrl(url);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, url).toMatch(/\*\*\*/);
      expect(message, url).not.toMatch(/s3c/);
    }
  });
});

describe("describeStorageUrl", () => {
  it("writes the canonical URL with the password masked", () => {
    expect(describeStorageUrl(parseStorageUrl("sqlite:///rel.db"))).toBe("sqlite:rel.db");
    expect(describeStorageUrl(parseStorageUrl("postgres://me:pw@db/hpo?sslmode=require"))).toBe(
      "postgresql://me:***@db:5432/hpo?sslmode=require",
    );
    expect(describeStorageUrl(parseStorageUrl("rediss://:pw@[::1]:7000/3"))).toBe(
      "rediss://:***@[::1]:7000/3",
    );
  });

  it("round-trips: parsing the description of a password-free record gives the record back", () => {
    const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\0"));
    const host = fc.constantFrom("localhost", "db.example", "10.0.0.7", "::1");
    const port = fc.integer({ min: 1, max: 65535 });
    const record: fc.Arbitrary<StorageUrl> = fc.oneof(
      fc.constant<StorageUrl>({ kind: "memory" }),
      fc.record({
        kind: fc.constantFrom("journal" as const, "sqlite" as const),
        path: text.filter((p) => !p.startsWith("//")),
      }),
      fc.record({
        kind: fc.constant("postgresql" as const),
        host,
        port,
        database: text.filter((d) => !d.includes("/")),
        user: fc.option(text, { nil: null }),
        password: fc.constant(null),
        options: fc.constant({}),
      }),
      fc.record({
        kind: fc.constant("redis" as const),
        host,
        port,
        db: fc.integer({ min: 0, max: 15 }),
        user: fc.option(text, { nil: null }),
        password: fc.constant(null),
        tls: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(record, (r) => {
        expect(parseStorageUrl(describeStorageUrl(r))).toEqual(r);
      }),
    );
  });
});
