/**
 * Test helpers for PostgresStorage: each storage opens on a fresh PostgreSQL schema of the test
 * database (so tests never see each other's studies), dropped afterwards.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PostgresStorage, type PostgresStorageOptions } from "../../src/postgres/index.js";

/** A new schema name, unique to this call. */
export function freshSchemaName(): string {
  return `tl_test_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/** A PostgresStorage on a fresh schema. */
export async function openFresh(
  url: string,
  options: PostgresStorageOptions = {},
): Promise<PostgresStorage & { readonly schema: string }> {
  const schema = options.schema ?? freshSchemaName();
  const storage = await PostgresStorage.open(url, { ...options, schema });
  return Object.assign(storage, { schema });
}

/** Runs `fn` with a plain client of the test database (for checks behind the storage's back). */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops a schema made by {@link openFresh} (and everything in it). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  await withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`));
}
