-- Release a held (unpaid) seat, or a paid seat refunded while the group is
-- still open; only the seat of that very order, and only once.
-- KEYS: 1 meta, 2 held, 3 paid
-- ARGV: 1 user id, 2 order id
-- Returns 1 if a held seat was released, 2 a paid one, 0 nothing to release.
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[2], ARGV[1])
  return 1
end
if redis.call('HGET', KEYS[1], 'state') == 'open' and
   redis.call('HGET', KEYS[3], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[3], ARGV[1])
  return 2
end
return 0
