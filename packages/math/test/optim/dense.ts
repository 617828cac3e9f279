/**
 * Dense references for the compact L-BFGS pieces: the BFGS recursion written out on n×n
 * matrices, and random correction pairs from a known SPD Hessian.
 */

import { LbfgsMemory } from "../../src/optim/memory.js";
import type { Rng } from "../../src/random/rng.js";

/** A random SPD n×n matrix MᵀM + δI (row-major). */
export function randomSpd(rng: Rng, n: number, delta = 0.5): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < m.length; i++) m[i] = rng.random() * 2 - 1;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? delta : 0;
      for (let l = 0; l < n; l++) s += m[l * n + i]! * m[l * n + j]!;
      a[i * n + j] = s;
    }
  }
  return a;
}

export function matVec(a: Float64Array, v: Float64Array): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * k pairs, oldest first: s_i random, y_i = (H + E_i)·s_i with E_i a random skew-symmetric
 * matrix, so that s_iᵀy_i = s_iᵀH·s_i > 0 while SᵀY is not symmetric (as for a non-quadratic f).
 */
export function randomPairs(
  rng: Rng,
  h: Float64Array,
  n: number,
  k: number,
): { s: Float64Array; y: Float64Array }[] {
  const out: { s: Float64Array; y: Float64Array }[] = [];
  for (let p = 0; p < k; p++) {
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = rng.random() * 2 - 1;
    const e = Float64Array.from(h);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = (rng.random() - 0.5) * 0.5;
        e[i * n + j] = e[i * n + j]! + v;
        e[j * n + i] = e[j * n + i]! - v;
      }
    }
    out.push({ s, y: matVec(e, s) });
  }
  return out;
}

/** Memory with the pairs pushed in order (capacity m). */
export function memoryOf(n: number, m: number, pairs: { s: Float64Array; y: Float64Array }[]): LbfgsMemory {
  const mem = new LbfgsMemory(n, m);
  for (const { s, y } of pairs) mem.push(s, y, dot(s, y), dot(y, y));
  return mem;
}

/**
 * The BFGS matrix from θI updated with the pairs in order:
 * B ← B − (B s)(B s)ᵀ/(sᵀBs) + y yᵀ/(yᵀs).
 */
export function denseBfgs(
  pairs: { s: Float64Array; y: Float64Array }[],
  theta: number,
  n: number,
): Float64Array {
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) b[i * n + i] = theta;
  for (const { s, y } of pairs) {
    const bs = matVec(b, s);
    const sbs = dot(s, bs);
    const ys = dot(y, s);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++)
        b[i * n + j] = b[i * n + j]! - (bs[i]! * bs[j]!) / sbs + (y[i]! * y[j]!) / ys;
    }
  }
  return b;
}

/** B·v through the compact form θv − W·M·Wᵀv of a memory (M⁻¹ must be factored). */
export function compactTimes(mem: LbfgsMemory, v: Float64Array): Float64Array {
  const k = mem.count;
  const n = v.length;
  const t = new Float64Array(2 * Math.max(k, 1));
  mem.wTranspose(v, t);
  mem.applyMiddle(t);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = mem.theta * v[i]!;
    for (let j = 0; j < k; j++) {
      const off = mem.order[j]! * n + i;
      s -= mem.y[off]! * t[j]! + mem.theta * mem.s[off]! * t[k + j]!;
    }
    out[i] = s;
  }
  return out;
}
