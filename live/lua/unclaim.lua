-- Give a claim back (the database refused to record it).
-- KEYS: 1 drop hash, 2 claimers set
-- ARGV: 1 user id
-- Returns claimed after, or -1 if the user held no claim
if redis.call('SREM', KEYS[2], ARGV[1]) == 0 then return -1 end
return redis.call('HINCRBY', KEYS[1], 'claimed', -1)
