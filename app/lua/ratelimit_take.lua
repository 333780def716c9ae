-- One request counted in a moving window (alisaifee/limits' layout: a list
-- of timestamps, newest first, at most `limit` long).
-- KEYS[1] the window; ARGV: now (seconds, as text), limit, window seconds.
-- Returns 1 when counted; else the timestamp of the oldest counted request
-- still in the window (the window frees up `window` seconds after it).
local now, limit, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local oldest = redis.call('lindex', KEYS[1], limit - 1)
if oldest and tonumber(oldest) >= now - window then
  return oldest
end
redis.call('lpush', KEYS[1], ARGV[1])
redis.call('ltrim', KEYS[1], 0, limit - 1)
redis.call('expire', KEYS[1], window)
return 1
