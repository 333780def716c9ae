-- Leave: the connection is no longer online.
-- KEYS: 1 online, 2 tick gate
-- ARGV: 1 socket id, 2 gate window (ms)
-- Returns {online, gate opened (1/0)}; online is -1 if the socket was not there
local gone = redis.call('HDEL', KEYS[1], ARGV[1])
if gone == 0 then return {-1, 0} end
local opened = redis.call('SET', KEYS[2], 1, 'NX', 'PX', ARGV[2]) and 1 or 0
return {redis.call('HLEN', KEYS[1]), opened}
