/**
 * Journals written by Optuna 3.1 and 5.0 (committed fixtures, made by
 * fixtures/optuna_journal.py) read in tunelab exactly as Optuna reads them, and tunelab writes
 * Optuna 5.0's records byte for byte.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeJournalRecord,
  encodeJournalRecord,
  JournalFileBackend,
  JournalStorage,
} from "../../src/journal/index.js";
import { parsePythonJson } from "../../src/journal/python-json.js";
import { type DumpView, normalizeDump, storageView } from "./optuna-view.js";

const fixtures = path.join(import.meta.dirname, "fixtures");

describe.each(["3.1", "5.0"])("a journal written by Optuna %s", (version) => {
  const log = path.join(fixtures, `optuna-${version}.jsonl`);
  const dump = parsePythonJson(
    fs.readFileSync(path.join(fixtures, `optuna-${version}.json`), "utf8"),
  ) as unknown as DumpView;

  it("reads every study and trial as Optuna reads them (params, values, states, attrs, intermediate values, ids, times)", async () => {
    const storage = new JournalStorage(await JournalFileBackend.open(log, { readOnly: true }));
    expect(await storageView(storage)).toEqual(normalizeDump(dump));
    await storage.close();
  });

  it("decodes every line, and re-encodes each record with the same fields and values", () => {
    for (const line of fs
      .readFileSync(log, "utf8")
      .split("\n")
      .filter((l) => l !== "")) {
      const record = decodeJournalRecord(line);
      expect(decodeJournalRecord(encodeJournalRecord(record))).toEqual(record);
      if (version === "5.0") {
        // Optuna 5.0 writes compact JSON, as tunelab does; Python escapes non-ASCII, tunelab writes UTF-8.
        expect(encodeJournalRecord(record)).toBe(line.replace(/\\u00e9/g, "é"));
      }
    }
  });
});
