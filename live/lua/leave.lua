-- Leave: the connection is no longer online; its viewer counts off it.
-- KEYS: 1 online, 2 who, 3 people, 4 tick gate
-- ARGV: 1 socket id, 2 gate window (ms)
-- Returns {online, gate opened (1/0)}; online is -1 if the socket was not there
local v = redis.call('HGET', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return {-1, 0} end
if v and redis.call('HINCRBY', KEYS[3], v, -1) <= 0 then redis.call('HDEL', KEYS[3], v) end
local opened = redis.call('SET', KEYS[4], 1, 'NX', 'PX', ARGV[2]) and 1 or 0
return {redis.call('HLEN', KEYS[3]), opened}
