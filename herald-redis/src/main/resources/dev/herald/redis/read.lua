-- Reads a page of events after an id, or says why it cannot: one atomic look, so a trim between
-- "is the id still retained?" and "what follows it?" cannot open a gap.
-- KEYS[1] epoch, KEYS[2] stream, KEYS[3] (only for a publisher's own id) its index key
-- ARGV[1] the stream id of a generated id ('' for a publisher's id), ARGV[2] the generated id's epoch
-- ARGV[3] page size plus one, ARGV[4] max events, ARGV[5] max age in ms
-- Returns {'FOUND', entries, the id's stream id} or {'RESET', reason, head} where head is the newest entry (or none).
local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
local function before(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end
local function field(entry, name)
  local kv = entry[2]
  for i = 1, #kv, 2 do
    if kv[i] == name then return kv[i + 1] end
  end
  return nil
end

local head = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
local sid
if KEYS[3] then
  sid = redis.call('GET', KEYS[3])
  if not sid then return {'RESET', 'UNKNOWN', head} end
else
  if redis.call('GET', KEYS[1]) ~= ARGV[2] then return {'RESET', 'OTHER_EPOCH', head} end
  sid = ARGV[1]
end

local at = redis.call('XRANGE', KEYS[2], sid, sid)
if #at == 0 then
  -- trimming removes entries from the head only: an id before the first entry was trimmed
  local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
  if #first == 0 or before(sid, first[1][1]) then return {'RESET', 'EXPIRED', head} end
  return {'RESET', 'UNKNOWN', head}
end

-- trimming is approximate (whole radix-tree nodes); retention as promised is exact
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if parse(sid) < now - tonumber(ARGV[5]) then return {'RESET', 'EXPIRED', head} end
local n = tonumber(field(at[1], 'n'))
local newest = tonumber(field(head[1], 'n'))
if n and newest and newest - n >= tonumber(ARGV[4]) then return {'RESET', 'EXPIRED', head} end

return {'FOUND', redis.call('XRANGE', KEYS[2], '(' .. sid, '+', 'COUNT', ARGV[3]), sid}
