-- Write a bargain's whole state (starting, or rebuilding from the database).
-- KEYS: 1 meta, 2 cuts, 3 helpers
-- ARGV: 1 starter id, 2 expires (ms), 3 state, 4 keep for (ms, from now),
--       5 number of cuts left C, then C cuts (next first), then helper ids
-- Returns 1.
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'starter', ARGV[1], 'expires', ARGV[2], 'state', ARGV[3])
local n = tonumber(ARGV[5])
for i = 6, 5 + n do redis.call('RPUSH', KEYS[2], ARGV[i]) end
for i = 6 + n, #ARGV do redis.call('SADD', KEYS[3], ARGV[i]) end
for k = 1, 3 do redis.call('PEXPIRE', KEYS[k], ARGV[4]) end
return 1
