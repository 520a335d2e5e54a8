-- Applies one reservation event atomically: each event at most once, never over a newer version. Frees the nights
-- the stored version held, holds the new version's nights if it is live, and tells the customer's watchers.
-- KEYS[1] reservation hash, KEYS[2] room's held nights (sorted set, score = day number), KEYS[3] customer's
-- reservations (sorted set, score = check-in day number), KEYS[4] marker of this event id
-- ARGV[1] reservation number, ARGV[2] customer id, ARGV[3] room number, ARGV[4] check-in, ARGV[5] check-out,
-- ARGV[6] check-in day number, ARGV[7] check-out day number, ARGV[8] total price, ARGV[9] status, ARGV[10] version,
-- ARGV[11] '1' when this version holds its nights, ARGV[12] marker lifetime (s), ARGV[13] customer's change channel
if not redis.call('SET', KEYS[4], ARGV[10], 'NX', 'EX', ARGV[12]) then
  return 'Duplicate'
end
local stored = tonumber(redis.call('HGET', KEYS[1], 'version'))
if stored and stored >= tonumber(ARGV[10]) then
  return 'Stale'
end
-- A reservation keeps its room, so the nights it held are in KEYS[2] too.
if redis.call('HGET', KEYS[1], 'holdsNights') == '1' then
  local checkOutDay = tonumber(redis.call('HGET', KEYS[1], 'checkOutDay'))
  for day = tonumber(redis.call('HGET', KEYS[1], 'checkInDay')), checkOutDay - 1 do
    redis.call('ZREM', KEYS[2], ARGV[1] .. ':' .. day)
  end
end
if ARGV[11] == '1' then
  for day = tonumber(ARGV[6]), tonumber(ARGV[7]) - 1 do
    redis.call('ZADD', KEYS[2], day, ARGV[1] .. ':' .. day)
  end
end
-- Payment fields in the same hash are left as they are: payment events may come first.
redis.call('HSET', KEYS[1], 'reservationNumber', ARGV[1], 'customerId', ARGV[2], 'roomNumber', ARGV[3],
  'checkIn', ARGV[4], 'checkOut', ARGV[5], 'checkInDay', ARGV[6], 'checkOutDay', ARGV[7], 'totalPrice', ARGV[8],
  'status', ARGV[9], 'version', ARGV[10], 'holdsNights', ARGV[11])
redis.call('ZADD', KEYS[3], tonumber(ARGV[6]), ARGV[1])
redis.call('PUBLISH', ARGV[13], ARGV[1])
return 'Applied'
