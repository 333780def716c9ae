-- Heartbeat and sweep. A node vouches for the sockets it holds: under the
-- epoch it saw at its last beat their expiry is pushed on (only those still
-- online: one that left stays gone); under another epoch (Redis lost the room
-- and it was loaded again since) it registers them all again, each under its
-- viewer. Then every socket whose expiry passed is dropped (its node died or
-- lost Redis without a goodbye) and counted off its viewer. Online counts
-- people: viewers with an open socket. Time is Redis's own clock.
-- KEYS: 1 online, 2 who, 3 people, 4 meta, 5 loaded marker
-- ARGV: 1 presence ttl (ms), 2 the epoch the node saw last ('' none),
--       3.. socket id, viewer pairs held by the calling node (none: sweep only)
-- Returns {online after the sweep, sockets dropped, epoch ('' not loaded),
--          sockets registered again} | {-9} sockets given and the room not loaded
local epoch = redis.call('GET', KEYS[5])
if not epoch and #ARGV > 2 then return {-9} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expires = now + tonumber(ARGV[1])
local again = #ARGV > 2 and ARGV[2] ~= epoch
local added = 0
for i = 3, #ARGV, 2 do
  if not again then
    redis.call('ZADD', KEYS[1], 'XX', expires, ARGV[i])
  elseif redis.call('ZADD', KEYS[1], expires, ARGV[i]) == 1 then
    added = added + 1
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    redis.call('HINCRBY', KEYS[3], ARGV[i + 1], 1)
  end
end
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, sid in ipairs(gone) do
  local v = redis.call('HGET', KEYS[2], sid)
  redis.call('HDEL', KEYS[2], sid)
  if v and redis.call('HINCRBY', KEYS[3], v, -1) <= 0 then redis.call('HDEL', KEYS[3], v) end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local n = redis.call('HLEN', KEYS[3])
if added > 0 and n > tonumber(redis.call('HGET', KEYS[4], 'peak') or '0') then
  redis.call('HSET', KEYS[4], 'peak', n)
end
return {n, #gone, epoch or '', added}
