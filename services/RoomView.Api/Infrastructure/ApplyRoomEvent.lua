-- Applies one room event to the RoomInfo view atomically: each event at most once, and never to an older version.
-- KEYS[1] room hash, KEYS[2] sorted set of room numbers, KEYS[3] marker of this event id
-- ARGV[1] number, ARGV[2] type, ARGV[3] name, ARGV[4] price per night, ARGV[5] version, ARGV[6] marker lifetime (s)
if not redis.call('SET', KEYS[3], ARGV[5], 'NX', 'EX', ARGV[6]) then
  return 'Duplicate'
end
local stored = tonumber(redis.call('HGET', KEYS[1], 'version'))
if stored and stored >= tonumber(ARGV[5]) then
  return 'Stale'
end
redis.call('HSET', KEYS[1], 'number', ARGV[1], 'type', ARGV[2], 'name', ARGV[3], 'pricePerNight', ARGV[4], 'version', ARGV[5])
-- Equal scores keep the set in byte order of the members: the list comes out ordered by number.
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return 'Applied'
