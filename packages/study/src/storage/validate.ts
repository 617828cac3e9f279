/** Argument checks shared by storages. */
import { randomUUID } from "node:crypto";
import type { StudyDirection } from "../trial/state.js";

/** @throws RangeError unless directions is a non-empty array of "minimize"/"maximize". */
export function checkDirections(where: string, directions: readonly StudyDirection[]): void {
  if (!Array.isArray(directions) || directions.length === 0) {
    throw new RangeError(`${where}: directions must be a non-empty array of "minimize" or "maximize"`);
  }
  directions.forEach((d, i) => {
    if (d !== "minimize" && d !== "maximize") {
      throw new RangeError(
        `${where}: directions[${i}] must be "minimize" or "maximize", got ${JSON.stringify(d)}`,
      );
    }
  });
}

/** @throws RangeError unless the name is a non-empty string of at most 512 characters. */
export function checkStudyName(where: string, name: string): void {
  if (typeof name !== "string" || name.length === 0 || name.length > 512) {
    throw new RangeError(`${where}: studyName must be a non-empty string of at most 512 characters`);
  }
}

/** A fresh, globally unique study name ("no-name-<uuid>", as Optuna does). */
export function defaultStudyName(): string {
  return `no-name-${randomUUID()}`;
}
