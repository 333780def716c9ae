-- Like: add taps to the room's total, remember the liker, open the gate.
-- KEYS: 1 meta, 2 likers, 3 tick gate
-- ARGV: 1 user id, 2 taps, 3 gate window (ms)
-- Returns {total, gate opened (1/0)}: whoever opens the gate schedules the broadcast
local total = redis.call('HINCRBY', KEYS[1], 'likes', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
local opened = redis.call('SET', KEYS[3], 1, 'NX', 'PX', ARGV[3]) and 1 or 0
return {total, opened}
