-- Leave: the connection is no longer online.
-- KEYS: 1 online, 2 who, 3 tick gate
-- ARGV: 1 socket id, 2 gate window (ms)
-- Returns {online, gate opened (1/0)}; online is -1 if the socket was not there
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return {-1, 0} end
local opened = redis.call('SET', KEYS[3], 1, 'NX', 'PX', ARGV[2]) and 1 or 0
return {redis.call('ZCARD', KEYS[1]), opened}
