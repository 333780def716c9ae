-- A helper takes the next cut of a bargain: all of it, or a share of it (a
-- risky help under the activity's reduce action). A share leaves the rest at
-- the head for the next helper, so the cuts still sum to start - floor.
-- KEYS: 1 meta, 2 cuts, 3 helpers (one bargain's hash tag)
-- ARGV: 1 helper id, 2 now (ms), 3 share of the cut (bps, 10000 = all of it)
-- Returns {fen taken, the head cut it was taken from, cuts left}, or
--  -1 state missing (rebuild), -2 self-help, -3 expired, -4 already helped,
--  -5 no cut left (at the floor), -6 bargain closed (bought)
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local m = redis.call('HMGET', KEYS[1], 'starter', 'expires', 'state')
if m[3] ~= 'active' then return -6 end
if tonumber(ARGV[2]) >= tonumber(m[2]) then return -3 end
if m[1] == ARGV[1] then return -2 end
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return -4 end
local head = redis.call('LINDEX', KEYS[2], 0)
if not head then return -5 end
head = tonumber(head)
-- head * bps // 10000 in parts, so no product passes 2^53 (head <= 10^12 fen)
local bps, low = tonumber(ARGV[3]), head % 10000
local taken = (head - low) / 10000 * bps + (low * bps - (low * bps) % 10000) / 10000
if taken >= head then
  taken = head
  redis.call('LPOP', KEYS[2])
else
  redis.call('LSET', KEYS[2], 0, head - taken)
end
redis.call('SADD', KEYS[3], ARGV[1])
return {taken, head, redis.call('LLEN', KEYS[2])}
