/**
 * fanovaImportances, mdiImportances, pedAnovaImportances and importances against Optuna on
 * recorded studies (fixtures/optuna_importance.py: Optuna 3.1's fANOVA and MDI, Optuna 5.0's
 * PED-ANOVA, on 400/500/300 RandomSampler trials of test functions whose important
 * parameters are known by construction).
 */
import { describe, expect, it } from "vitest";
import { importances, pedAnovaImportances } from "../../src/importance/index.js";
import { type FixtureStudy, loadFixture, toData } from "./fixture-data.js";

const studies = loadFixture();

function mean(rs: readonly Record<string, number>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of Object.keys(rs[0]!)) out.set(k, rs.reduce((a, r) => a + r[k]!, 0) / rs.length);
  return out;
}

/** The names in `names`, most important first. */
function order(m: ReadonlyMap<string, number>, names: readonly string[]): string[] {
  return [...names].sort((a, b) => m.get(b)! - m.get(a)!);
}

// By construction (variance fractions of the additive terms under uniform sampling):
// quadratic: x0 0.990, x1 0.0099, x2 4e-6 (too small for any forest to resolve: not ranked);
// mixed: lr 0.67, optimizer 0.31, layers 0.006 (not ranked: Optuna 3.1 itself puts it below
// "unused"), unused and noise 0; interaction: x and y (interacting), z 0.02·z, w 0.
const KNOWN: Record<string, { ranked: string[]; irrelevant: string[] }> = {
  quadratic: { ranked: ["x0", "x1"], irrelevant: [] },
  mixed: { ranked: ["lr", "optimizer"], irrelevant: ["unused", "noise"] },
  interaction: { ranked: ["x", "y", "z"], irrelevant: ["w"] },
};

function expectKnownRanking(m: ReadonlyMap<string, number>, name: string): void {
  const { ranked, irrelevant } = KNOWN[name]!;
  expect(order(m, ranked)).toEqual(ranked);
  for (const r of ranked) for (const z of irrelevant) expect(m.get(r)!).toBeGreaterThan(m.get(z)!);
}

const pedOptions = (o: Record<string, number | boolean>) => ({
  ...(o.target_quantile !== undefined ? { targetQuantile: o.target_quantile as number } : {}),
  ...(o.region_quantile !== undefined ? { regionQuantile: o.region_quantile as number } : {}),
  ...(o.evaluate_on_local !== undefined ? { evaluateOnLocal: o.evaluate_on_local as boolean } : {}),
});

describe.each(studies.map((s) => [s.name, s] as [string, FixtureStudy]))(
  "importances on the %s study",
  (name, s) => {
    const data = toData(s);
    const optunaFanova = mean(s.fanova);
    const optunaMdi = mean(s.mdi);

    it("fanova ranks the parameters as Optuna 3.1's FanovaImportanceEvaluator (each of its seeds 0..4) and the construction", () => {
      for (const seed of [0, 1, 2]) {
        const ours = importances(data, { evaluator: "fanova", seed });
        expectKnownRanking(ours, name);
        expectKnownRanking(importances(data, { evaluator: "fanova", seed, logSpace: false }), name);
      }
      expectKnownRanking(optunaFanova, name); // the fixture agrees with the construction too
      const ours = order(importances(data, { evaluator: "fanova", seed: 0 }), KNOWN[name]!.ranked);
      for (const f of s.fanova) expect(ours).toEqual(order(new Map(Object.entries(f)), KNOWN[name]!.ranked));
    });

    it("fanova with logSpace false (Optuna's definition) is within 0.03 of Optuna's mean importance", () => {
      // Both forests are random (different generators): Optuna's own seeds 0..4 differ by up to
      // 0.02 on these studies. 0.03 is the stated tolerance.
      const ours = importances(data, { evaluator: "fanova", seed: 0, logSpace: false });
      for (const [k, v] of optunaFanova) expect(Math.abs(ours.get(k)! - v)).toBeLessThanOrEqual(0.03);
    });

    it("mdi ranks as Optuna 3.1's MeanDecreaseImpurityImportanceEvaluator and is within 0.03 of it", () => {
      const ours = importances(data, { evaluator: "mdi", seed: 0 });
      expectKnownRanking(ours, name);
      expectKnownRanking(optunaMdi, name);
      for (const [k, v] of optunaMdi) expect(Math.abs(ours.get(k)! - v)).toBeLessThanOrEqual(0.03);
    });

    it("ped-anova equals Optuna 5.0's PedAnovaImportanceEvaluator (default, region 0.5, global) to 1e-9", () => {
      const loss = toData(s, true); // Optuna minimizes a maximized objective's negation
      for (const [key, ref] of Object.entries(s.ped_anova)) {
        const raw = pedAnovaImportances(loss, pedOptions(ref.options));
        loss.params.forEach((p, j) => {
          const expected = ref.raw[p.name]!;
          expect(Math.abs(raw[j]! - expected), `${key} ${p.name}`).toBeLessThanOrEqual(
            1e-9 * Math.max(1e-3, expected),
          );
        });
        const norm = importances(loss, { evaluator: "ped-anova", ...pedOptions(ref.options) });
        expect([...norm.keys()]).toEqual(Object.keys(ref.normalized));
      }
    });
  },
);
