-- Claim a coupon of a drop: one per user, never more than the drop's total.
-- KEYS: 1 drop hash (total, claimed), 2 claimers set
-- ARGV: 1 user id
-- Returns {1, claimed, total} | {-1} no such drop loaded | {-2} already claimed | {-3, total} gone
local total = redis.call('HGET', KEYS[1], 'total')
if not total then return {-1} end
total = tonumber(total)
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return {-2} end
local claimed = tonumber(redis.call('HGET', KEYS[1], 'claimed') or '0')
if claimed >= total then return {-3, total} end
redis.call('SADD', KEYS[2], ARGV[1])
return {1, redis.call('HINCRBY', KEYS[1], 'claimed', 1), total}
