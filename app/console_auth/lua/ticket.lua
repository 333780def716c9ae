-- A scan-to-sign-in ticket's one step, atomic: the phone scans or confirms,
-- the console polls (and the one poll that finds it confirmed claims it).
-- Expiry is the app clock's (ARGV 2), never the key's TTL (cleanup only).
-- KEYS: 1 the ticket's hash, 2 its wake list
-- ARGV: 1 step: scan | confirm | poll, 2 now (ms, app clock), 3 user id (confirm),
--       4 wake list TTL (ms)
-- Returns {0, status, user id or ""}: status after the step; a poll that
--         found it confirmed answers status "claimed" and the user (it is
--         "used" from then on)
--         | {-1} no such ticket | {-2} expired | {-3} used (or confirmed by another)
local t = redis.call('HMGET', KEYS[1], 'status', 'expires_ms', 'user_id')
if not t[1] then return {-1} end
local status, step = t[1], ARGV[1]
if status == 'used' then
  if step == 'poll' then return {0, 'used', ''} end
  return {-3}
end
if tonumber(ARGV[2]) >= tonumber(t[2]) then return {-2} end
local answer = status
if step == 'scan' then
  if status == 'pending' then status = 'scanned' end
  answer = status
elseif step == 'confirm' then
  if status == 'confirmed' then
    if t[3] ~= ARGV[3] then return {-3} end
    return {0, 'confirmed', t[3]}
  end
  status, answer = 'confirmed', 'confirmed'
  redis.call('HSET', KEYS[1], 'user_id', ARGV[3])
elseif step == 'poll' then
  if status ~= 'confirmed' then return {0, status, ''} end
  status, answer = 'used', 'claimed'
end
if status ~= t[1] then
  redis.call('HSET', KEYS[1], 'status', status)
  redis.call('RPUSH', KEYS[2], status, status)
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
return {0, answer, t[3] or ''}
