-- Heartbeat and sweep: push on the expiry of the sockets a node still holds
-- (only those still online: one that left stays gone), then drop every
-- socket whose expiry passed (its node died or lost Redis without a goodbye).
-- Time is Redis's own clock, the same for every node.
-- KEYS: 1 online, 2 who
-- ARGV: 1 presence ttl (ms), 2.. socket ids held by the calling node (none: sweep only)
-- Returns {online after the sweep, sockets dropped}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expires = now + tonumber(ARGV[1])
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'XX', expires, ARGV[i])
end
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
if #gone > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  redis.call('HDEL', KEYS[2], unpack(gone))
end
return {redis.call('ZCARD', KEYS[1]), #gone}
