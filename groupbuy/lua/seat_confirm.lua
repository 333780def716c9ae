-- Confirm a held seat when its order is paid; idempotent for the same order.
-- KEYS: 1 meta, 2 held, 3 paid
-- ARGV: 1 user id, 2 order id, 3 now (ms)
-- Returns the paid count (the group is marked full when it reaches size), or
--  -1 state missing, -2 group closed, -3 expired, -6 seat not held (released)
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[3], ARGV[1]) == ARGV[2] then return redis.call('HLEN', KEYS[3]) end
local m = redis.call('HMGET', KEYS[1], 'size', 'expires', 'state')
if m[3] ~= 'open' then return -2 end
if tonumber(ARGV[3]) >= tonumber(m[2]) then return -3 end
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return -6 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
local paid = redis.call('HLEN', KEYS[3])
if paid >= tonumber(m[1]) then redis.call('HSET', KEYS[1], 'state', 'full') end
return paid
