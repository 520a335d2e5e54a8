-- Applies one payment event to its reservation atomically: each event at most once, and never an approval over the
-- refund that undid it (rank 1 approved, 2 refunded). Then tells the customer's watchers.
-- KEYS[1] reservation hash, KEYS[2] marker of this event id
-- ARGV[1] rank, ARGV[2] payment id, ARGV[3] status, ARGV[4] amount, ARGV[5] refunded amount ('' when none),
-- ARGV[6] refund rate ('' when none), ARGV[7] when, ARGV[8] marker lifetime (s), ARGV[9] customer's change channel,
-- ARGV[10] reservation number
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'EX', ARGV[8]) then
  return 'Duplicate'
end
local stored = tonumber(redis.call('HGET', KEYS[1], 'paymentRank'))
if stored and stored >= tonumber(ARGV[1]) then
  return 'Stale'
end
redis.call('HSET', KEYS[1], 'paymentRank', ARGV[1], 'paymentId', ARGV[2], 'paymentStatus', ARGV[3],
  'paymentAmount', ARGV[4], 'paymentAt', ARGV[7])
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'refundedAmount', ARGV[5], 'refundRate', ARGV[6])
end
redis.call('PUBLISH', ARGV[9], ARGV[10])
return 'Applied'
