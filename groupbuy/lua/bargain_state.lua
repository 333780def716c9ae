-- Set a bargain's state when it is still `ARGV[1]` (e.g. active -> bought).
-- KEYS: 1 meta, 2 cuts, 3 helpers
-- ARGV: 1 expected state, 2 new state
-- Returns 1 if changed, 0 if not.
if redis.call('HGET', KEYS[1], 'state') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
return 1
