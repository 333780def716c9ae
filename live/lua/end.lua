-- End: the room's keys expire after the keep time (the statistics are in
-- the database by now); the ended marker, living as long, refuses likes.
-- KEYS: 1 ended marker, 2.. every long-lived key of the room
-- ARGV: 1 keep (ms)
-- Returns how many keys were there to expire
redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
local n = 0
for i = 2, #KEYS do
  n = n + redis.call('PEXPIRE', KEYS[i], ARGV[1])
end
return n
