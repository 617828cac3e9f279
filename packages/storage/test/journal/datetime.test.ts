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

  it("throws RangeError naming the text for what is not such a datetime", () => {
    expect(() => parseJournalDatetime("yesterday")).toThrow(/"yesterday"/);
    expect(() => parseJournalDatetime("2024-13-01T00:00:00")).toThrow(RangeError);
  });
});
