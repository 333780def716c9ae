-- Write a group's whole state (opening, or rebuilding from the database).
-- KEYS: 1 meta, 2 held, 3 paid
-- ARGV: 1 size, 2 expires (ms, app clock), 3 state, 4 keep for (ms, a
--       duration: Redis keeps its own time), 5 mode ('replace' on opening,
--       'heal' to rebuild only what is missing), 6 number of held seats H,
--       then H (user, order) pairs of held seats, then (user, order) pairs
--       of paid seats
-- Returns 1 written, 0 left alone (healing, and another caller already did).
if ARGV[5] == 'heal' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'size', ARGV[1], 'expires', ARGV[2], 'state', ARGV[3])
local held = tonumber(ARGV[6])
local i = 7
for _ = 1, held do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i < #ARGV do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
for k = 1, 3 do redis.call('PEXPIRE', KEYS[k], ARGV[4]) end
return 1
