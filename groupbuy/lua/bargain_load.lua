-- Write a bargain's whole state (starting, or rebuilding from the database).
-- KEYS: 1 meta, 2 cuts, 3 helpers
-- ARGV: 1 starter id, 2 expires (ms, app clock), 3 state, 4 keep for (ms, a
--       duration: Redis keeps its own time), 5 mode ('replace' on starting,
--       'heal' to rebuild only what is missing), 6 number of cuts left C,
--       then C cuts (next first), then helper ids
-- Returns 1 written, 0 left alone (healing, and another caller already did).
if ARGV[5] == 'heal' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'starter', ARGV[1], 'expires', ARGV[2], 'state', ARGV[3])
local n = tonumber(ARGV[6])
for i = 7, 6 + n do redis.call('RPUSH', KEYS[2], ARGV[i]) end
for i = 7 + n, #ARGV do redis.call('SADD', KEYS[3], ARGV[i]) end
for k = 1, 3 do redis.call('PEXPIRE', KEYS[k], ARGV[4]) end
return 1
