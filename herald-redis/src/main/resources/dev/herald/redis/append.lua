-- Appends events (one, or a batch) in their order, atomically with everything that must agree with them;
-- stops before the first event whose publisher id is taken (by the log or by an earlier event of the batch).
-- KEYS[1] epoch, KEYS[2] stream, KEYS[3] count, KEYS[4..] the index keys of the events' own ids, in order
-- ARGV[1] a candidate epoch, used only when the log has none: its first use, or a Redis that lost its data
-- ARGV[2] the highest stream id the calling node has seen, or '': a new life's ids start above it, so
--         positions keep growing on nodes that saw the old life even if Redis's clock went back
-- ARGV[3] max events (approximate MAXLEN), ARGV[4] max age in ms (approximate MINID, index expiry)
-- ARGV[5] the number of events; then, per event: '1' if it has an own id (its index key is the next
--         of KEYS[4..]) else '0', the number of its field strings, and those fields
-- Returns {'OK' or 'DUPLICATE', epoch, 1 if this call began a new life else 0, the stream ids appended...}.
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
local status = 'OK'
local appended = {}
local a = 6
local k = 4
for _ = 1, tonumber(ARGV[5]) do
  local own = ARGV[a] == '1'
  local fields = tonumber(ARGV[a + 1])
  a = a + 2
  local key = nil
  if own then
    key = KEYS[k]
    k = k + 1
  end
  if key and redis.call('EXISTS', key) == 1 then
    status = 'DUPLICATE'
    break
  end
  local n = redis.call('INCR', KEYS[3])
  local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'e', epoch, 'n', n, unpack(ARGV, a, a + fields - 1))
  a = a + fields
  if key then
    redis.call('SET', key, id, 'PX', ARGV[4])
  end
  appended[#appended + 1] = id
end
-- retention by age on Redis's clock, the one that stamps stream ids, whatever the nodes' clocks say
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('XTRIM', KEYS[2], 'MINID', '~', string.format('%.0f', now - tonumber(ARGV[4])))
local reply = {status, epoch, created}
for i = 1, #appended do
  reply[#reply + 1] = appended[i]
end
return reply
