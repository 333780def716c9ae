-- Load: replace an activity's state with what the database says (publishing,
-- edits, rebuilds), run while the caller holds the sale's row lock so no
-- batch commits meanwhile. Wins still in flight stay in flight and stay
-- counted, except those the database already holds (confirmed here).
-- KEYS: 1 meta, 2 stock, 3 users, 4 inflight, 5 seq, 6 returned
-- ARGV: 1 status, 2 per_user, 3 per_order, 4 quota, 5 open intervals,
--       6 remaining in the database, 7 highest grab no in the database,
--       8 n, then n grab nos in flight that the database holds (confirmed here),
--       then m, then m grab nos the database returned (a give-back of these
--       is already counted), then user id, count pairs
-- Returns the remaining stock.
local n = tonumber(ARGV[8])
for i = 9, 8 + n do
  redis.call('HDEL', KEYS[4], ARGV[i])
end
local m = tonumber(ARGV[9 + n])
for i = 10 + n, 9 + n + m do
  redis.call('SADD', KEYS[6], ARGV[i])
end
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'per_user', ARGV[2],
           'per_order', ARGV[3], 'quota', ARGV[4], 'open', ARGV[5])
for i = 10 + n + m, #ARGV, 2 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
end
local left = tonumber(ARGV[6])
for _, rec in ipairs(redis.call('HVALS', KEYS[4])) do
  local uid, qty = string.match(rec, '^(%d+):(%d+):')
  left = left - tonumber(qty)
  redis.call('HINCRBY', KEYS[3], uid, tonumber(qty))
end
if left < 0 then left = 0 end
redis.call('SET', KEYS[2], left)
local seq = tonumber(redis.call('GET', KEYS[5]) or '0')
if tonumber(ARGV[7]) > seq then redis.call('SET', KEYS[5], ARGV[7]) end
return left
