-- Load (or rebuild) a drop from the database: total and the users who claimed.
-- KEYS: 1 drop hash, 2 claimers set
-- ARGV: 1 total, 2.. user ids that claimed
-- Returns claimed
redis.call('DEL', KEYS[1], KEYS[2])
local n = #ARGV - 1
for i = 2, #ARGV, 500 do
  redis.call('SADD', KEYS[2], unpack(ARGV, i, math.min(i + 499, #ARGV)))
end
redis.call('HSET', KEYS[1], 'total', ARGV[1], 'claimed', n)
return n
