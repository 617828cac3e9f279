/**
 * Records keyed by user strings (parameter names, attribute keys, constraint names).
 *
 * A plain `{}` inherits `constructor`, `toString`, `__proto__`, ... from Object.prototype:
 * `params["constructor"]` reads a function, and `attrs["__proto__"] = v` replaces the
 * prototype instead of storing a key. So every read of a user key goes through
 * {@link getKey} / {@link hasKey} (own properties only) and every write through
 * {@link setKey} (which defines `__proto__` as an ordinary own property). Copies use object
 * spread, which keeps an own `__proto__` key (never `Object.assign`, which does not).
 *
 * Why plain objects and not `Object.create(null)`: V8 keeps null-prototype objects in
 * dictionary mode; with them a 10-D RandomSampler trial cost 1.23× the CPU time of plain
 * records (`benchmarks/overhead/compare-trees.ts`, 20,000 trials, median of 9).
 * @packageDocumentation
 */

/** An empty record. */
export function emptyRecord<T>(): Record<string, T> {
  return {};
}

/** A shallow copy of `source` (own enumerable keys, `__proto__` included); `{}` for null. */
export function copyRecord<T>(source: Readonly<Record<string, T>> | null | undefined): Record<string, T> {
  return source === null || source === undefined ? {} : { ...source };
}

/** Sets `record[key] = value` as an own property, whatever the key (`__proto__` included). */
export function setKey<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/** `copyRecord(source)` with `key` set to `value`. */
export function withKey<T>(
  source: Readonly<Record<string, T>> | null | undefined,
  key: string,
  value: T,
): Record<string, T> {
  const out = copyRecord(source);
  setKey(out, key, value);
  return out;
}

/** True when `record` has `key` as an own property (never true for inherited names). */
export function hasKey(record: Readonly<Record<string, unknown>> | null | undefined, key: string): boolean {
  return record !== null && record !== undefined && Object.hasOwn(record, key);
}

/** The own value at `key`, or undefined (never an inherited property). */
export function getKey<T>(
  record: Readonly<Record<string, T>> | null | undefined,
  key: string,
): T | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
