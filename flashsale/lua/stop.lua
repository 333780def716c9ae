-- Stop: no more grabs; the stock stays for the staff's view.
-- KEYS: 1 meta   Returns 1 if the activity was loaded.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'status', 'stopped')
return 1
