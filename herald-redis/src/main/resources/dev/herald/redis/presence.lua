-- One node's presence heartbeat, with the changes since the last one (RedisPresence).
-- KEYS[1] the node's hash (stream id -> subscription), KEYS[2] the sorted set of nodes
-- ARGV[1] TTL in ms, ARGV[2] the node id, ARGV[3] '1' to replace the whole hash (resync),
-- ARGV[4] how many fields to delete, then those fields, then field/value pairs to set.
-- Returns {1} when the hash exists afterwards, {0} when it does not (no entries, or it had expired).
local ttl = tonumber(ARGV[1])
local removals = tonumber(ARGV[4])
if ARGV[3] == '1' then
  redis.call('DEL', KEYS[1])
end
if removals > 0 then
  redis.call('HDEL', KEYS[1], unpack(ARGV, 5, 4 + removals))
end
local first = 5 + removals
if #ARGV >= first then
  redis.call('HSET', KEYS[1], unpack(ARGV, first, #ARGV))
end
local exists = redis.call('PEXPIRE', KEYS[1], ttl)
-- Redis's clock, so that every node scores the same way
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[2], now + ttl, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
return {exists}
