-- Join: record the connection as online, the viewer as seen, the peak, and
-- open the broadcast gate if it is shut.
-- KEYS: 1 online, 2 viewers, 3 meta, 4 tick gate
-- ARGV: 1 socket id, 2 viewer ('u7' or 'gSID'), 3 gate window (ms)
-- Returns {online, peak, unique viewers, gate opened (1/0)}
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[2])
local n = redis.call('HLEN', KEYS[1])
local peak = tonumber(redis.call('HGET', KEYS[3], 'peak') or '0')
if n > peak then
  peak = n
  redis.call('HSET', KEYS[3], 'peak', peak)
end
local opened = redis.call('SET', KEYS[4], 1, 'NX', 'PX', ARGV[3]) and 1 or 0
return {n, peak, redis.call('SCARD', KEYS[2]), opened}
