import { expect } from "vitest";

/** |a - b| ≤ tol·max(1, |b|). */
export function expectClose(actual: number, expected: number, tol: number): void {
  const err = Math.abs(actual - expected);
  if (!(err <= tol * Math.max(1, Math.abs(expected)))) {
    expect.fail(`expected ${actual} to be within ${tol} (relative) of ${expected}, off by ${err}`);
  }
}

/** Compares the numeric fields of two records (and Float64Array fields entrywise). */
export function expectRecordClose(actual: object, expected: object, tol: number): void {
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort()).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) {
    const x = a[key];
    const y = e[key];
    if (typeof y === "number") expectClose(x as number, y, tol);
    else if (y instanceof Float64Array) {
      expect(x).toBeInstanceOf(Float64Array);
      const xa = x as Float64Array;
      expect(xa.length).toBe(y.length);
      for (let i = 0; i < y.length; i++) expectClose(xa[i]!, y[i]!, tol);
    } else expect(x).toEqual(y);
  }
}

/** A Fisher–Yates permutation driven by fast-check's integers (no Math.random). */
export function permute<T>(xs: readonly T[], keys: readonly number[]): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = (keys[i % keys.length] ?? 0) % (i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
