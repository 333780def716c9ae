-- End: nobody is online in an ended room any more (the peak is kept); the
-- room's keys expire after the keep time (the statistics are in the
-- database by now); the ended marker, living as long, refuses likes.
-- KEYS: 1 ended marker, 2 online, 3 who, 4 people, 5.. every other long-lived key of the room
-- ARGV: 1 keep (ms)
-- Returns how many keys were there to expire
redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
local n = 0
for i = 5, #KEYS do
  n = n + redis.call('PEXPIRE', KEYS[i], ARGV[1])
end
return n
