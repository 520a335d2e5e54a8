using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Api.Infrastructure;

internal sealed class RedisReservationViewStore(IConnectionMultiplexer redis) : IReservationViewStore
{
    // Longer than any redelivery or replay we expect; after that the version check alone keeps the view right.
    private static readonly TimeSpan EventMarkerLifetime = TimeSpan.FromDays(7);
    private static readonly string ApplyReservationEventScript = RedisScripts.Load("ApplyReservationEvent.lua");
    private static readonly string ApplyPaymentEventScript = RedisScripts.Load("ApplyPaymentEvent.lua");

    public async Task<ViewUpdate> ApplyAsync(Guid eventId, ReservationSnapshot reservation)
    {
        RedisKey[] keys =
        [
            ReservationKey(reservation.ReservationNumber),
            HeldNightsKey(reservation.RoomNumber),
            CustomerReservationsKey(reservation.CustomerId),
            $"reservation:event:{eventId:N}",
        ];
        var result = await redis.GetDatabase().ScriptEvaluateAsync(ApplyReservationEventScript, keys,
            ReservationHash.ToScriptArguments(reservation, EventMarkerLifetime, ChangeChannelName(reservation.CustomerId)));
        return Enum.Parse<ViewUpdate>(result.ToString());
    }

    public async Task<ViewUpdate> ApplyAsync(Guid eventId, PaymentSnapshot payment)
    {
        RedisKey[] keys = [ReservationKey(payment.ReservationNumber), $"payment:event:{eventId:N}"];
        var result = await redis.GetDatabase().ScriptEvaluateAsync(ApplyPaymentEventScript, keys,
            ReservationHash.ToScriptArguments(payment, EventMarkerLifetime, ChangeChannelName(payment.CustomerId)));
        return Enum.Parse<ViewUpdate>(result.ToString());
    }

    public async Task<CustomerReservation?> FindAsync(string reservationNumber) =>
        ReservationHash.FromHash(await redis.GetDatabase().HashGetAllAsync(ReservationKey(reservationNumber)));

    public async Task<IReadOnlyList<CustomerReservation>> ListAsync(string customerId)
    {
        var database = redis.GetDatabase();
        var numbers = await database.SortedSetRangeByRankAsync(CustomerReservationsKey(customerId));
        var batch = database.CreateBatch();
        var reads = numbers.Select(number => batch.HashGetAllAsync(ReservationKey(number.ToString()))).ToList();
        batch.Execute();
        var hashes = await Task.WhenAll(reads);
        return [.. hashes.Select(ReservationHash.FromHash).OfType<CustomerReservation>().Where(reservation => reservation.CustomerId == customerId)];
    }

    public async Task<IReadOnlySet<DateOnly>> HeldNightsAsync(string roomNumber, DateOnly from, DateOnly to)
    {
        var held = await redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(HeldNightsKey(roomNumber), from.DayNumber, to.DayNumber - 1);
        return held.Select(night => DateOnly.FromDayNumber((int)night.Score)).ToHashSet();
    }

    public async Task<IReservationChanges> WatchAsync(string customerId) =>
        new RedisReservationChanges(await redis.GetSubscriber().SubscribeAsync(ChangeChannel(customerId)));

    private static RedisKey ReservationKey(string reservationNumber) => $"reservation:{reservationNumber}";

    // Room numbers are stored upper-case by the room context, so "a-101" is the same room as "A-101".
    private static RedisKey HeldNightsKey(string roomNumber) => $"availability:{roomNumber.ToUpperInvariant()}";

    private static RedisKey CustomerReservationsKey(string customerId) => $"customer:{customerId}:reservations";

    // A pub/sub channel, not a key: the scripts publish to it and every replica's watchers subscribe.
    private static string ChangeChannelName(string customerId) => $"customer:{customerId}:reservations:changed";

    private static RedisChannel ChangeChannel(string customerId) => RedisChannel.Literal(ChangeChannelName(customerId));
}
