using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Api.Infrastructure;

internal sealed class RedisRoomInfoStore(IConnectionMultiplexer redis) : IRoomInfoStore
{
    // Longer than any redelivery or replay we expect; after that the version check alone keeps the view right.
    private static readonly TimeSpan EventMarkerLifetime = TimeSpan.FromDays(7);
    private static readonly RedisKey NumbersKey = "roominfo:numbers";
    private static readonly string ApplyRoomEventScript = RedisScripts.Load("ApplyRoomEvent.lua");

    public async Task<RoomInfoUpdate> ApplyAsync(Guid eventId, RoomInfo roomInfo)
    {
        RedisKey[] keys = [RoomKey(roomInfo.Number), NumbersKey, $"roominfo:event:{eventId:N}"];
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            ApplyRoomEventScript, keys, RoomInfoHash.ToScriptArguments(roomInfo, EventMarkerLifetime));
        return Enum.Parse<RoomInfoUpdate>(result.ToString());
    }

    public async Task<RoomInfo?> FindAsync(string number) =>
        RoomInfoHash.FromHash(await redis.GetDatabase().HashGetAllAsync(RoomKey(number)));

    public async Task<IReadOnlyList<RoomInfo>> ListAsync()
    {
        var database = redis.GetDatabase();
        var numbers = await database.SortedSetRangeByRankAsync(NumbersKey);
        var batch = database.CreateBatch();
        var reads = numbers.Select(number => batch.HashGetAllAsync(RoomKey(number.ToString()))).ToList();
        batch.Execute();
        var hashes = await Task.WhenAll(reads);
        return [.. hashes.Select(RoomInfoHash.FromHash).OfType<RoomInfo>()];
    }

    private static RedisKey RoomKey(string number) => $"roominfo:{number}";
}
