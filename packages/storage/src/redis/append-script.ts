/**
 * The Lua script that appends records to a Redis journal, in the key layout of Optuna's
 * `JournalRedisBackend` (optuna/storages/journal/_redis.py at v5.0.0-rc1; `JournalRedisStorage`
 * in optuna/storages/_journal/redis.py at v3.1.0), so that Python workers share the journal:
 *
 * - `<prefix>:log_number`: the log number of the last record, an integer that starts at -1;
 *   `INCR` hands out the next one atomically (the journal's counter: a record's number fixes
 *   its place in the log, and a trial's number follows from the log order);
 * - `<prefix>:log:<n>`: the record of log number n, one JSON text.
 *
 * Optuna runs one script per record (`INCR` then `SET`); this one takes a whole batch, so the
 * batch lands as consecutive numbers with no other writer's record between them (Redis runs
 * a script without interleaving other commands). It fails before writing anything when the
 * counter is not an integer (a key that is not a journal's): `INCRBY` is its first write.
 *
 * KEYS[1] = `<prefix>:log_number`; ARGV[1] = the prefix; ARGV[2..] = the records.
 * Returns the log number of the last record written.
 */
export const APPEND_SCRIPT: string = `
redis.call('SETNX', KEYS[1], -1)
local count = #ARGV - 1
local last = redis.call('INCRBY', KEYS[1], count)
local first = last - count + 1
for i = 1, count do
  redis.call('SET', string.format('%s:log:%d', ARGV[1], first + i - 1), ARGV[i + 1])
end
return last
`;
