-- Chat: a banned or muted user is refused; then one message per interval.
-- A room whose state Redis lost is refused until it is loaded again (its
-- mutes and bans come back from the database first).
-- KEYS: 1 banned, 2 muted, 3 the user's rate key, 4 meta, 5 loaded marker
-- ARGV: 1 user id, 2 now (ms), 3 interval (ms)
-- Returns {1, message count} | {-1} banned | {-2, until_ms (0 = until lifted)} muted
--         | {-3, wait_ms} over the rate | {-9} room not loaded
if redis.call('EXISTS', KEYS[5]) == 0 then return {-9} end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return {-1} end
local till = redis.call('HGET', KEYS[2], ARGV[1])
if till then
  till = tonumber(till)
  if till == 0 or till > tonumber(ARGV[2]) then return {-2, till} end
  redis.call('HDEL', KEYS[2], ARGV[1])
end
if not redis.call('SET', KEYS[3], 1, 'NX', 'PX', ARGV[3]) then
  return {-3, math.max(1, redis.call('PTTL', KEYS[3]))}
end
return {1, redis.call('HINCRBY', KEYS[4], 'messages', 1)}
