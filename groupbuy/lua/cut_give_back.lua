-- Undo a help whose database write failed. A help that emptied its cut puts
-- it back in front; a share goes back onto the head (or is the one cut left
-- when later helps emptied the rest), so the cuts still sum to price - floor.
-- KEYS: 1 meta, 2 cuts, 3 helpers
-- ARGV: 1 helper id, 2 fen taken, 3 1 if the help emptied its cut, else 0
-- Returns 1 if given back, 0 if that helper had no help to undo.
if redis.call('SREM', KEYS[3], ARGV[1]) == 0 then return 0 end
local taken = tonumber(ARGV[2])
if ARGV[3] == '1' then
  redis.call('LPUSH', KEYS[2], taken)
elseif taken > 0 then
  local head = redis.call('LINDEX', KEYS[2], 0)
  if head then
    redis.call('LSET', KEYS[2], 0, tonumber(head) + taken)
  else
    redis.call('RPUSH', KEYS[2], taken)
  end
end
return 1
