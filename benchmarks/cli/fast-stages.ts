/**
 * The stages of one fresh `tunelab ask` + `tell` under the fast path's conditions: this file
 * is bundled by the fast path's own build (`buildFastPath` of packages/cli/src/fast/build.ts,
 * the same esbuild options) and run in a fresh process by `ask-tell-latency.ts`, so each
 * module initializes at its first `import()`, as in the bundle in `dist/fast`, and each stage's
 * CPU time can be told apart. It does what `tunelab ask` and `tell` do, without commander
 * and the CLI's option handling.
 */
import type { SearchSpace } from "@tunelab/study";

/** CPU ms of each stage, in order. */
export async function stages(journal: string, studyName: string): Promise<Record<string, number>> {
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const out: Record<string, number> = {};
  let last = cpu();
  const mark = (stage: string): void => {
    const c = cpu();
    out[stage] = c - last;
    last = c;
  };
  await import("commander");
  mark("commander");
  const S = await import("@tunelab/study");
  const { openJournalFileStorage } = await import("@tunelab/storage/journal");
  mark("@tunelab/study and the journal storage: their modules' first run");
  const { TpeSampler } = await import("@tunelab/samplers/tpe");
  mark("TpeSampler: its modules' first run (@tunelab/math, @stdlib, the normal-CDF tables)");
  const storage = await openJournalFileStorage(journal);
  mark("open and replay the journal");
  const study = await S.loadStudy({ storage, studyName, sampler: new TpeSampler() });
  mark("loadStudy (the study's view of the trials)");
  const space: SearchSpace = { x: S.floatDistribution(-5, 5), y: S.floatDistribution(-5, 5) };
  const trial = await study.ask(space);
  await trial.flush();
  mark("ask: TPE on the trials, one append");
  await study.tell(trial.number, 1);
  mark("tell: one append");
  await storage.close();
  const tell = await openJournalFileStorage(journal);
  await S.loadStudy({ storage: tell, studyName, sampler: new TpeSampler() });
  mark("a tell's own work, warm: open and replay the journal again, loadStudy");
  await tell.close();
  return out;
}
