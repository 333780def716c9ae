-- Undo a help whose database write failed: the cut goes back to the front.
-- KEYS: 1 meta, 2 cuts, 3 helpers
-- ARGV: 1 helper id, 2 cut fen
-- Returns 1 if given back, 0 if that helper had no help to undo.
if redis.call('SREM', KEYS[3], ARGV[1]) == 0 then return 0 end
redis.call('LPUSH', KEYS[2], ARGV[2])
return 1
