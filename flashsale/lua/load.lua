-- Load: replace an activity's whole state with what the database says
-- (publishing, edits, rebuilds). Wins still in flight are forgotten: the
-- database's guarded write refuses any that no longer fit.
-- KEYS: 1 meta, 2 stock, 3 users, 4 inflight, 5 seq, 6 returned
-- ARGV: 1 status, 2 per_user, 3 per_order, 4 quota, 5 open intervals,
--       6 remaining, 7 highest grab no in the database, 8.. user id, count pairs
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4], KEYS[6])
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'per_user', ARGV[2],
           'per_order', ARGV[3], 'quota', ARGV[4], 'open', ARGV[5])
redis.call('SET', KEYS[2], ARGV[6])
local seq = tonumber(redis.call('GET', KEYS[5]) or '0')
if tonumber(ARGV[7]) > seq then redis.call('SET', KEYS[5], ARGV[7]) end
for i = 8, #ARGV, 2 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
end
return tonumber(ARGV[6])
