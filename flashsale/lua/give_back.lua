-- Give back: a cancelled order's units return to the sale, once per grab.
-- KEYS: 1 returned, 2 stock, 3 users, 4 meta
-- ARGV: 1 grab no, 2 user id, 3 quantity
-- Returns the remaining stock, or -1 when this grab came back already or the
-- sale is not loaded (a rebuild will count from the database).
if redis.call('EXISTS', KEYS[4]) == 0 then return -1 end
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return -1 end
if redis.call('HINCRBY', KEYS[3], ARGV[2], -tonumber(ARGV[3])) <= 0 then
  redis.call('HDEL', KEYS[3], ARGV[2])
end
return redis.call('INCRBY', KEYS[2], tonumber(ARGV[3]))
