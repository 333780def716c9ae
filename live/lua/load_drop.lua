-- Load a drop Redis does not hold from the database: total and the users
-- who claimed. A drop Redis holds is left alone: its claims not yet
-- committed would be forgotten and one viewer too many let in.
-- KEYS: 1 drop hash, 2 claimers set
-- ARGV: 1 total, 2.. user ids that claimed
-- Returns claimed
if redis.call('EXISTS', KEYS[1]) == 1 then
  return tonumber(redis.call('HGET', KEYS[1], 'claimed'))
end
redis.call('DEL', KEYS[2])
local n = #ARGV - 1
for i = 2, #ARGV, 500 do
  redis.call('SADD', KEYS[2], unpack(ARGV, i, math.min(i + 499, #ARGV)))
end
redis.call('HSET', KEYS[1], 'total', ARGV[1], 'claimed', n)
return n
