import { propertySeed } from "./vitest.seed.js";

export default function setup(): void {
  console.info(`[fast-check] property-test seed ${propertySeed()} (set FC_SEED to change it)`);
}
