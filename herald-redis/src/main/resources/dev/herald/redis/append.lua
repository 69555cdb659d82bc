-- Appends one event, atomically with everything that must agree with it.
-- KEYS[1] epoch, KEYS[2] stream, KEYS[3] count, KEYS[4] (only for a publisher's own id) its index key
-- ARGV[1] a candidate epoch, used only when the log has none: its first use, or a Redis that lost its data
-- ARGV[2] the highest stream id the calling node has seen, or '': a new life's ids start above it, so
--         positions keep growing on nodes that saw the old life even if Redis's clock went back
-- ARGV[3] max events (approximate MAXLEN), ARGV[4] max age in ms (approximate MINID, index expiry)
-- ARGV[5..] the entry's fields and values, epoch and count excepted
-- Returns {'OK', stream id, epoch, 1 if this call began a new life else 0} or {'DUPLICATE'}.
local created = 0
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
  created = 1
  if ARGV[2] ~= '' and redis.call('EXISTS', KEYS[2]) == 0 then
    -- an empty stream whose last id is the floor: XADD '*' only ever goes up from there
    redis.call('XADD', KEYS[2], 'MAXLEN', '0', ARGV[2], 'seed', '1')
  end
end
if KEYS[4] and redis.call('EXISTS', KEYS[4]) == 1 then
  return {'DUPLICATE'}
end
local n = redis.call('INCR', KEYS[3])
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'e', epoch, 'n', n, unpack(ARGV, 5))
-- retention by age on Redis's clock, the one that stamps stream ids, whatever the nodes' clocks say
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('XTRIM', KEYS[2], 'MINID', '~', string.format('%.0f', now - tonumber(ARGV[4])))
if KEYS[4] then
  redis.call('SET', KEYS[4], id, 'PX', ARGV[4])
end
return {'OK', id, epoch, created}
