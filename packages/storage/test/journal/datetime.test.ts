import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { formatJournalDatetime, parseJournalDatetime } from "../../src/journal/datetime.js";

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe("formatJournalDatetime", () => {
  it("writes local wall-clock time with microseconds and no offset, as Optuna 3.1 does", () => {
    process.env.TZ = "Asia/Tokyo";
    expect(formatJournalDatetime(new Date("2024-05-01T12:03:07.123Z"))).toBe("2024-05-01T21:03:07.123000");
    process.env.TZ = "UTC";
    expect(formatJournalDatetime(new Date("2024-05-01T12:03:07.123Z"))).toBe("2024-05-01T12:03:07.123000");
  });
});

describe("parseJournalDatetime", () => {
  it("reads Optuna 3.1's naive local time as local time", () => {
    process.env.TZ = "America/New_York";
    expect(parseJournalDatetime("2024-05-01T08:03:07.123456").toISOString()).toBe("2024-05-01T12:03:07.123Z");
  });

  it("reads Optuna 5.0's UTC offsets (and other offsets, and Z)", () => {
    process.env.TZ = "Asia/Tokyo";
    expect(parseJournalDatetime("2024-05-01T12:03:07.123456+00:00").toISOString()).toBe(
      "2024-05-01T12:03:07.123Z",
    );
    expect(parseJournalDatetime("2024-05-01T12:03:07+05:30").toISOString()).toBe("2024-05-01T06:33:07.000Z");
    expect(parseJournalDatetime("2024-05-01T12:03:07.5Z").toISOString()).toBe("2024-05-01T12:03:07.500Z");
  });

  it("round-trips every millisecond time through formatJournalDatetime in several time zones", () => {
    for (const tz of ["UTC", "Europe/Berlin", "Pacific/Chatham", "America/St_Johns"]) {
      process.env.TZ = tz;
      for (const t of [
        0, 1_700_000_000_123, 1_711_846_800_000 /* a DST change in Berlin */, 1_000_000_000_999,
      ]) {
        const text = formatJournalDatetime(new Date(t));
        expect(parseJournalDatetime(text).getTime()).toBe(t);
      }
    }
  });

  it("reads the hour repeated when daylight saving time ends as one of its two instants (ambiguous without an offset, as in Optuna 3.1)", () => {
    process.env.TZ = "Europe/Berlin";
    const first = Date.parse("2024-10-27T00:30:00Z"); // 02:30 CEST
    const second = Date.parse("2024-10-27T01:30:00Z"); // 02:30 CET
    expect(formatJournalDatetime(new Date(first))).toBe(formatJournalDatetime(new Date(second)));
    expect([first, second]).toContain(parseJournalDatetime("2024-10-27T02:30:00.000000").getTime());
  });

  it("reads a naive local time as the three-step setFullYear/setHours conversion does, DST gaps and overlaps included", () => {
    // The reference: the way parseJournalDatetime read local times before it used one
    // Date constructor call for years >= 100.
    const reference = (
      y: number,
      mo: number,
      d: number,
      h: number,
      mi: number,
      s: number,
      ms: number,
    ): number => {
      const local = new Date(2000, 0, 1);
      local.setFullYear(y, mo, d);
      local.setHours(h, mi, s, ms);
      return local.getTime();
    };
    const pad = (n: number, w: number): string => String(n).padStart(w, "0");
    // Zones with DST changes at midnight (Sao Paulo until 2019, Beirut), half-hour changes
    // (Lord Howe), odd offsets (Chatham, St John's), and none.
    for (const tz of [
      "UTC",
      "Europe/Berlin",
      "America/Sao_Paulo",
      "Asia/Beirut",
      "Australia/Lord_Howe",
      "Pacific/Chatham",
      "America/St_Johns",
    ]) {
      process.env.TZ = tz;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2100 }),
          fc.integer({ min: 0, max: 11 }),
          fc.integer({ min: 1, max: 31 }),
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 0, max: 59 }),
          fc.integer({ min: 0, max: 59 }),
          fc.integer({ min: 0, max: 999 }),
          (y, mo, d, h, mi, s, ms) => {
            const text = `${pad(y, 4)}-${pad(mo + 1, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}000`;
            expect(parseJournalDatetime(text).getTime()).toBe(reference(y, mo, d, h, mi, s, ms));
          },
        ),
        { numRuns: 300 },
      );
      // The midnights and hours that DST skips or repeats in these zones.
      for (const text of [
        "2018-11-04T00:30:00",
        "2024-03-31T00:00:00",
        "2024-03-31T02:30:00",
        "2024-10-27T02:30:00",
        "2024-04-07T01:45:00",
        "2024-10-06T02:15:00",
        "0099-12-31T23:59:59",
      ]) {
        const [date, time] = text.split("T") as [string, string];
        const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
        const [h, mi, s] = time.split(":").map(Number) as [number, number, number];
        expect(parseJournalDatetime(text).getTime()).toBe(reference(y, mo - 1, d, h, mi, s, 0));
      }
    }
  });

  it("throws RangeError naming the text for what is not such a datetime", () => {
    expect(() => parseJournalDatetime("yesterday")).toThrow(/"yesterday"/);
    expect(() => parseJournalDatetime("2024-13-01T00:00:00")).toThrow(RangeError);
  });
});
