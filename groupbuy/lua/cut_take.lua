-- A helper takes the next cut of a bargain.
-- KEYS: 1 meta, 2 cuts, 3 helpers (one bargain's hash tag)
-- ARGV: 1 helper id, 2 now (ms)
-- Returns {cut fen, cuts left}, or
--  -1 state missing (rebuild), -2 self-help, -3 expired, -4 already helped,
--  -5 no cut left (at the floor), -6 bargain closed (bought)
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local m = redis.call('HMGET', KEYS[1], 'starter', 'expires', 'state')
if m[3] ~= 'active' then return -6 end
if tonumber(ARGV[2]) >= tonumber(m[2]) then return -3 end
if m[1] == ARGV[1] then return -2 end
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return -4 end
local cut = redis.call('LPOP', KEYS[2])
if not cut then return -5 end
redis.call('SADD', KEYS[3], ARGV[1])
return {tonumber(cut), redis.call('LLEN', KEYS[2])}
