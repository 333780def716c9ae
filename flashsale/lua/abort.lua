-- Abort: a win the database did not take. Its units and the user's count go
-- back, once: only while the win is still in inflight.
-- KEYS: 1 inflight, 2 stock, 3 users   ARGV: 1 grab no
-- Returns the remaining stock, or -1 when the win was no longer in flight.
local rec = redis.call('HGET', KEYS[1], ARGV[1])
if not rec then return -1 end
redis.call('HDEL', KEYS[1], ARGV[1])
local uid, qty = string.match(rec, '^(%d+):(%d+):')
if redis.call('HINCRBY', KEYS[3], uid, -tonumber(qty)) <= 0 then
  redis.call('HDEL', KEYS[3], uid)
end
return redis.call('INCRBY', KEYS[2], tonumber(qty))
