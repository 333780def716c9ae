-- Grab: a loaded sale, then rate limit, status, window, token, per-order and per-user limits and
-- stock, checked and taken atomically.
-- KEYS: 1 meta, 2 stock, 3 users, 4 inflight, 5 seq, 6 token, 7 rate
-- ARGV: 1 user id, 2 quantity, 3 grab token, 4 now (ms), 5 rate burst,
--       6 rate refill (ms per grab)
-- Returns {code, a, b}:
--   {1, grab_no, remaining}   won: stock and the user's count taken, the win
--                             recorded in inflight until the database has it
--   {-1} not loaded  {-2} stopped  {-3, next_open_ms} not started
--   {-4} ended  {-5} invalid token  {-6} token expired  {-7, wait_ms} rate limited
--   {-8, per_order} over the per-order limit  {-9, per_user} limit reached
--   {-10, remaining} sold out
local uid, qty, now = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[4])
local burst, refill = tonumber(ARGV[5]), tonumber(ARGV[6])

local m = redis.call('HMGET', KEYS[1], 'status', 'per_user', 'per_order', 'open')
if not m[1] then return {-1} end

local bucket = redis.call('HMGET', KEYS[7], 'n', 'ts')
local level = tonumber(bucket[1]) or burst
local since = tonumber(bucket[2]) or now
level = math.min(burst, level + math.max(0, now - since) / refill)
if level < 1 then
  return {-7, math.ceil((1 - level) * refill)}
end
redis.call('HSET', KEYS[7], 'n', tostring(level - 1), 'ts', now)
redis.call('PEXPIRE', KEYS[7], burst * refill + 1000)

if m[1] == 'ended' then return {-4} end
if m[1] ~= 'live' then return {-2} end

local open, first, last = false, nil, nil
for a, b in string.gmatch(m[4], '(%d+),(%d+)') do
  a, b = tonumber(a), tonumber(b)
  if now >= a and now < b then open = true; break end
  if now < a and (first == nil or a < first) then first = a end
  last = b
end
if not open then
  if first ~= nil then return {-3, first} end
  return {-4}
end

local tok = redis.call('GET', KEYS[6])
if not tok then return {-5} end
local sep = string.find(tok, ':', 1, true)
if string.sub(tok, 1, sep - 1) ~= ARGV[3] then return {-5} end
if tonumber(string.sub(tok, sep + 1)) <= now then return {-6} end

if qty > tonumber(m[3]) then return {-8, tonumber(m[3])} end
local had = tonumber(redis.call('HGET', KEYS[3], uid) or '0')
if had + qty > tonumber(m[2]) then return {-9, tonumber(m[2])} end
local left = tonumber(redis.call('GET', KEYS[2]) or '0')
if left < qty then return {-10, left} end

left = redis.call('DECRBY', KEYS[2], qty)
redis.call('HINCRBY', KEYS[3], uid, qty)
local no = redis.call('INCR', KEYS[5])
redis.call('HSET', KEYS[4], no, uid .. ':' .. qty .. ':' .. now)
return {1, no, left}
