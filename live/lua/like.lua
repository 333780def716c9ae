-- Like: count a user's taps up to the per-user cap per one-second window
-- (the excess is ignored), add them to the room's total, remember the liker,
-- open the gate. An ended room counts no more likes; a room whose state
-- Redis lost counts none until it is loaded again (its total with it).
-- KEYS: 1 meta, 2 likers, 3 tick gate, 4 the user's like-rate counter,
--       5 ended marker, 6 loaded marker
-- ARGV: 1 user id, 2 taps, 3 gate window (ms), 4 cap per window, 5 window (ms)
-- Returns {counted, total, gate opened (1/0), epoch, first like (1/0)}
--         | {-1} room ended | {-9} room not loaded
-- whoever opens the gate schedules the broadcast
local epoch = redis.call('GET', KEYS[6])
if not epoch then return {-9} end
if redis.call('EXISTS', KEYS[5]) == 1 then return {-1} end
local used = tonumber(redis.call('GET', KEYS[4]) or '0')
local counted = math.min(tonumber(ARGV[2]), math.max(0, tonumber(ARGV[4]) - used))
if counted <= 0 then
  return {0, tonumber(redis.call('HGET', KEYS[1], 'likes') or '0'), 0, epoch, 0}
end
if used == 0 then
  redis.call('SET', KEYS[4], counted, 'PX', ARGV[5])
else
  redis.call('INCRBY', KEYS[4], counted)
end
local total = redis.call('HINCRBY', KEYS[1], 'likes', counted)
local first = redis.call('SADD', KEYS[2], ARGV[1])
local opened = redis.call('SET', KEYS[3], 1, 'NX', 'PX', ARGV[3]) and 1 or 0
return {counted, total, opened, epoch, first}
