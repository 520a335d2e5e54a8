using Accommodation.RoomView.Api.Infrastructure;
using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Tests.Infrastructure;

public sealed class RoomInfoHashTests
{
    [Fact]
    public void Script_arguments_carry_the_state_in_the_order_the_script_reads_them()
    {
        var arguments = RoomInfoHash.ToScriptArguments(new RoomInfo("A-101", "Deluxe", "Ocean view", 120_000.50m, 3), TimeSpan.FromDays(7));

        Assert.Equal(["A-101", "Deluxe", "Ocean view", "120000.50", "3", "604800"], arguments.Select(argument => argument.ToString()));
    }

    [Fact]
    public void A_stored_hash_reads_back_as_the_same_RoomInfo()
    {
        HashEntry[] hash =
        [
            new("number", "A-101"),
            new("type", "Suite"),
            new("name", "Garden suite"),
            new("pricePerNight", "99000.5"),
            new("version", "2"),
        ];

        Assert.Equal(new RoomInfo("A-101", "Suite", "Garden suite", 99_000.5m, 2), RoomInfoHash.FromHash(hash));
    }

    [Fact]
    public void A_missing_hash_is_no_RoomInfo() => Assert.Null(RoomInfoHash.FromHash([]));
}
