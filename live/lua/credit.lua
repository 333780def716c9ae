-- Credit a room loaded again with what a node counted before that load and
-- wrote to the database only after it (the load could not see it): the likes
-- raise the total shown as far as the new floor allows (likes shown =
-- max(seen, floor + credited) + likes counted since the load), the peak rises
-- to the node's, the viewers and likers join their sets. Only under the epoch the node read while writing:
-- a later load read the database after that write and holds it all.
-- KEYS: 1 loaded, 2 meta, 3 viewers, 4 likers
-- ARGV: 1 epoch, 2 likes, 3 peak, 4 how many viewers follow, 5.. viewers, then likers
-- Returns the like total shown | -1 the room is not loaded under that epoch
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local m = redis.call('HMGET', KEYS[2], 'seen', 'floor', 'credited')
local seen, floor, credited = tonumber(m[1] or '0'), tonumber(m[2] or '0'), tonumber(m[3] or '0')
local before = math.max(seen, floor + credited)
credited = credited + tonumber(ARGV[2])
redis.call('HSET', KEYS[2], 'credited', credited)
local total = redis.call('HINCRBY', KEYS[2], 'likes', math.max(seen, floor + credited) - before)
if tonumber(redis.call('HGET', KEYS[2], 'peak') or '0') < tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[2], 'peak', ARGV[3])
end
local viewers = tonumber(ARGV[4])
for i = 5, #ARGV do
  redis.call('SADD', i < 5 + viewers and KEYS[3] or KEYS[4], ARGV[i])
end
return total
