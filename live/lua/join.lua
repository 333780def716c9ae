-- Join: refuse a banned or kicked user, else record the connection as online
-- (expiring unless its node's heartbeat renews it), the user as a unique
-- viewer (guests are not), the peak, and open the broadcast gate if shut.
-- Holding the ban check and the join in one script closes the race with a
-- ban: the ban lands first (refused here) or after (the ban's kick finds us).
-- KEYS: 1 online, 2 who, 3 viewers, 4 meta, 5 tick gate, 6 banned, 7 kicked
-- ARGV: 1 socket id, 2 user id ('' for a guest), 3 gate window (ms),
--       4 now (ms, the app's clock, for the kick), 5 presence ttl (ms)
-- Returns {1, online, peak, unique viewers, gate opened (1/0)}
--         | {-1} banned | {-2, may rejoin at (ms)} kicked
local uid = ARGV[2]
if uid ~= '' then
  if redis.call('SISMEMBER', KEYS[6], uid) == 1 then return {-1} end
  local till = tonumber(redis.call('HGET', KEYS[7], uid) or '0')
  if till > tonumber(ARGV[4]) then return {-2, till} end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
if #gone > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  redis.call('HDEL', KEYS[2], unpack(gone))
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), ARGV[1])
if uid ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], 'u' .. uid)
  redis.call('SADD', KEYS[3], uid)
else
  redis.call('HSET', KEYS[2], ARGV[1], 'g')
end
local n = redis.call('ZCARD', KEYS[1])
local peak = tonumber(redis.call('HGET', KEYS[4], 'peak') or '0')
if n > peak then
  peak = n
  redis.call('HSET', KEYS[4], 'peak', peak)
end
local opened = redis.call('SET', KEYS[5], 1, 'NX', 'PX', ARGV[3]) and 1 or 0
return {1, n, peak, redis.call('SCARD', KEYS[3]), opened}
