-- Confirm: the database holds these wins; forget them in inflight.
-- KEYS: 1 inflight   ARGV: grab nos
-- Returns how many were still in inflight.
if #ARGV == 0 then return 0 end
return redis.call('HDEL', KEYS[1], unpack(ARGV))
