/** The fast-check seed of this run: `FC_SEED` from the environment, else a fixed default. */
export function propertySeed(): number {
  const raw = process.env.FC_SEED;
  if (raw === undefined || raw === "") return 20261128;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${raw}"`);
  return seed;
}
