-- Close: no more grabs ('stopped' or 'ended'); the state expires a day later
-- (a grab after that finds the sale unloaded and is told from the database).
-- KEYS: 1 meta, 2 stock, 3 users, 4 inflight, 5 seq, 6 returned
-- ARGV: 1 status, 2 time to live (ms)
-- Returns 1 if the activity was loaded.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
redis.call('SET', KEYS[2], 0)
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 1
