-- Join: refuse a banned or kicked user, else record the connection as online
-- (expiring unless its node's heartbeat renews it) under the viewer it is
-- (online counts people: all sockets of one viewer count once), the user as
-- a unique viewer (guests are not), the peak, and open the broadcast gate if
-- shut. A room whose state Redis lost is refused until it is loaded again.
-- Holding the ban check and the join in one script closes the race with a
-- ban: the ban lands first (refused here) or after (the ban's kick finds us).
-- KEYS: 1 online, 2 who, 3 people, 4 viewers, 5 meta, 6 tick gate, 7 banned,
--       8 kicked, 9 loaded marker
-- ARGV: 1 socket id, 2 viewer ('u<id>', 'g<guest key>', 'c<socket id>'),
--       3 user id ('' for a guest), 4 gate window (ms),
--       5 now (ms, the app's clock, for the kick), 6 presence ttl (ms)
-- Returns {1, online, peak, unique viewers, gate opened (1/0), first visit (1/0), epoch}
--         | {-1} banned | {-2, may rejoin at (ms)} kicked | {-9} room not loaded
local epoch = redis.call('GET', KEYS[9])
if not epoch then return {-9} end
local uid = ARGV[3]
if uid ~= '' then
  if redis.call('SISMEMBER', KEYS[7], uid) == 1 then return {-1} end
  local till = tonumber(redis.call('HGET', KEYS[8], uid) or '0')
  if till > tonumber(ARGV[5]) then return {-2, till} end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, sid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  local v = redis.call('HGET', KEYS[2], sid)
  redis.call('HDEL', KEYS[2], sid)
  if v and redis.call('HINCRBY', KEYS[3], v, -1) <= 0 then redis.call('HDEL', KEYS[3], v) end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZADD', KEYS[1], now + tonumber(ARGV[6]), ARGV[1]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
end
local first = 0
if uid ~= '' then first = redis.call('SADD', KEYS[4], uid) end
local n = redis.call('HLEN', KEYS[3])
local peak = tonumber(redis.call('HGET', KEYS[5], 'peak') or '0')
if n > peak then
  peak = n
  redis.call('HSET', KEYS[5], 'peak', peak)
end
local opened = redis.call('SET', KEYS[6], 1, 'NX', 'PX', ARGV[4]) and 1 or 0
return {1, n, peak, redis.call('SCARD', KEYS[4]), opened, first, epoch}
