-- Load a room's state from the database after Redis lost it, under a new
-- epoch; a room that is loaded is left alone (another process was first).
-- The like total shown is the larger of what the database holds: `floor`,
-- the likes the processes wrote (their batches), and `seen`, the room's saved
-- figure; likes written after this load are credited on top (credit.lua).
-- Presence starts again empty: every node registers its own sockets at its
-- next beat (it sees the new epoch), so sockets of dead nodes never return.
-- An ended room's keys expire after the keep time, as at its end.
-- KEYS: 1 loaded, 2 meta, 3 muted, 4 banned, 5 kicked, 6 viewers, 7 likers,
--       8 online, 9 who, 10 people, 11 ended marker
-- ARGV: 1 epoch, 2 floor, 3 seen, 4 messages, 5 peak, 6 keep (ms; 0 = the room runs),
--       7 mutes, 8 bans, 9 kicks, 10 viewers, 11 likers (how many of each), then
--       mutes as user, until (ms) pairs, bans, kicks as user, until (ms) pairs,
--       viewers, likers (user ids)
-- Returns {1, epoch} loaded by this call | {0, epoch} loaded already
local had = redis.call('GET', KEYS[1])
if had then return {0, had} end
local function raise(field, value)
  local now = tonumber(redis.call('HGET', KEYS[2], field) or '0')
  if now < value then redis.call('HSET', KEYS[2], field, value) end
  return math.max(now, value)
end
local floor, seen = tonumber(ARGV[2]), tonumber(ARGV[3])
seen = raise('likes', math.max(floor, seen))
redis.call('HSET', KEYS[2], 'floor', floor, 'seen', seen, 'credited', 0)
raise('messages', tonumber(ARGV[4]))
raise('peak', tonumber(ARGV[5]))
redis.call('DEL', KEYS[8], KEYS[9], KEYS[10])
local i = 12
local function each(n, width, fn)
  for _ = 1, n do
    fn(ARGV[i], ARGV[i + 1])
    i = i + width
  end
end
each(tonumber(ARGV[7]), 2, function(u, till) redis.call('HSET', KEYS[3], u, till) end)
each(tonumber(ARGV[8]), 1, function(u) redis.call('SADD', KEYS[4], u) end)
each(tonumber(ARGV[9]), 2, function(u, till) redis.call('HSET', KEYS[5], u, till) end)
each(tonumber(ARGV[10]), 1, function(u) redis.call('SADD', KEYS[6], u) end)
each(tonumber(ARGV[11]), 1, function(u) redis.call('SADD', KEYS[7], u) end)
redis.call('SET', KEYS[1], ARGV[1])
local keep = tonumber(ARGV[6])
if keep > 0 then
  redis.call('SET', KEYS[11], 1, 'PX', keep)
  for k = 1, 7 do redis.call('PEXPIRE', KEYS[k], keep) end
end
return {1, ARGV[1]}
