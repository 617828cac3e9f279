/**
 * Test helpers for the Redis journal: each storage uses a fresh key prefix (so tests never
 * see each other's journals), whose keys are deleted afterwards.
 */
import { randomUUID } from "node:crypto";
import { createClient } from "@redis/client";

/** A new key prefix, unique to this call. */
export function freshPrefix(): string {
  return `tl-test-${randomUUID().slice(0, 8)}`;
}

const plainClient = (url: string) => createClient({ url });
type RedisClient = ReturnType<typeof plainClient>;

/** Runs `fn` with a plain client of the test server (for checks behind the backend's back). */
export async function withRedis<T>(url: string, fn: (c: RedisClient) => Promise<T>): Promise<T> {
  const client = plainClient(url);
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/** Deletes every key of a prefix. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  await withRedis(url, async (c) => {
    const keys: string[] = [];
    for await (const batch of c.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) keys.push(...batch);
    for (let i = 0; i < keys.length; i += 1000) await c.del(keys.slice(i, i + 1000));
  });
}
