-- Hold a seat for an unpaid order.
-- KEYS: 1 meta, 2 held, 3 paid (one group's hash tag)
-- ARGV: 1 user id, 2 order id, 3 now (ms)
-- Returns seats left after this hold, or
--  -1 state missing (rebuild), -2 group closed, -3 expired,
--  -4 user already holds a seat, -5 group full
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local m = redis.call('HMGET', KEYS[1], 'size', 'expires', 'state')
if m[3] ~= 'open' then return -2 end
if tonumber(ARGV[3]) >= tonumber(m[2]) then return -3 end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 or
   redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return -4 end
local taken = redis.call('HLEN', KEYS[2]) + redis.call('HLEN', KEYS[3])
if taken >= tonumber(m[1]) then return -5 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return tonumber(m[1]) - taken - 1
