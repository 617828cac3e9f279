import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUserScriptForms, formCommand, type UserScriptForms } from "../../overhead/startup-build.js";
import { main } from "../../overhead/user-script.js";

/** What user-script.ts prints, less the CPU times. */
interface Answer {
  readonly best: number;
  readonly firstParams: readonly number[];
}

/** main() in this process (vitest, the packages' sources): the reference answer. */
async function inProcess(kind: string, n: number): Promise<Answer> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string): void => {
    lines.push(line);
  };
  try {
    await main([kind, String(n)]);
  } finally {
    console.log = log;
  }
  const { best, firstParams } = JSON.parse(lines[0]!) as Answer;
  return { best, firstParams };
}

describe("buildUserScriptForms (the bundle and the V8 startup snapshot of a user's script)", () => {
  let forms: UserScriptForms;
  let away: string;
  beforeAll(async () => {
    forms = await buildUserScriptForms(join(import.meta.dirname, "../../overhead/dist/startup-test"), [
      "@tunelab/source",
    ]);
    // Run from a folder with no node_modules above it: both must be self-contained.
    away = mkdtempSync(join(tmpdir(), "tunelab-startup-"));
    copyFileSync(forms.bundle, join(away, "user-bundle.mjs"));
    copyFileSync(forms.snapshot, join(away, "user-script.blob"));
    forms = { ...forms, bundle: join(away, "user-bundle.mjs"), snapshot: join(away, "user-script.blob") };
  });
  afterAll(() => rmSync(away, { recursive: true, force: true }));

  const run = (form: "bundle" | "snapshot", kind: string, n: number): Answer => {
    const [exe, ...args] = formCommand(forms, form);
    const out = execFileSync(exe!, [...args, kind, String(n)], { encoding: "utf8", cwd: away });
    const { best, firstParams } = JSON.parse(out.trim()) as Answer;
    return { best, firstParams };
  };

  // 40 TPE trials: 10 start-up trials, then 30 from the Parzen estimators (truncated-normal
  // draws, the lazily loaded @stdlib erfc/erfcinv included).
  it.each([
    ["tpe", 40],
    ["random", 40],
  ])("%s, %i trials: the bundle and the snapshot give the seeded run's answers", async (kind, n) => {
    const expected = await inProcess(kind, n);
    expect(expected.firstParams).toHaveLength(12);
    expect(run("bundle", kind, n)).toEqual(expected);
    expect(run("snapshot", kind, n)).toEqual(expected);
  });

  it("each run from the snapshot is a fresh run (nothing of the last one kept in the blob)", () => {
    expect(run("snapshot", "tpe", 15)).toEqual(run("snapshot", "tpe", 15));
  });

  it("rejects a bad KIND or N with a message naming the argument", async () => {
    await expect(main(["cma", "3"])).rejects.toThrow("user-script: KIND must be tpe or random, got cma");
    await expect(main(["tpe", "0"])).rejects.toThrow("user-script: N must be a positive integer, got 0");
  });
});
