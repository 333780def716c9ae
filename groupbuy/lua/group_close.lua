-- Close a group (completed or failed): no seat can be held or confirmed after.
-- KEYS: 1 meta, 2 held, 3 paid
-- ARGV: 1 final state
-- Returns 1 if this call closed it, 0 if it was closed already or missing.
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'open' and state ~= 'full' then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1])
return 1
