/** Seed lists of the pruning scripts: "1-10", "1,2,5" or "1-3,7". */

/**
 * The seeds of a list like "1-10" or "1,2,5" (ranges inclusive), in the order given.
 * @param where - what to name in the error (e.g. "mo-pruning: --seeds").
 * @throws RangeError for anything else, or a range whose end is below its start.
 * @example parseSeeds("--seeds", "1-3,7") // [1, 2, 3, 7]
 */
export function parseSeeds(where: string, text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    const a = m === null ? Number.NaN : Number(m[1]);
    const b = m === null || m[2] === undefined ? a : Number(m[2]);
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a) {
      throw new RangeError(`${where} must be like 1-10 or 1,2,5 (integers >= 0), got "${text}"`);
    }
    for (let s = a; s <= b; s++) out.push(s);
  }
  return out;
}
