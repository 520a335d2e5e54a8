using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Domain.Events;

namespace Accommodation.Rooms.Tests.Domain;

public sealed class RoomTests
{
    private static readonly DateTimeOffset RegisteredAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = RegisteredAt.AddHours(1);

    private static Room NewRoom() => Room.Register(RoomNumber.Parse("101"), RoomType.Deluxe, "Deluxe ocean view", 120_000m, RegisteredAt);

    [Fact]
    public void Register_sets_state_at_version_1_and_raises_RoomRegistered()
    {
        var room = NewRoom();

        Assert.Equal("101", room.Number.Value);
        Assert.Equal(RoomType.Deluxe, room.Type);
        Assert.Equal("Deluxe ocean view", room.Name);
        Assert.Equal(120_000m, room.PricePerNight);
        Assert.Equal(1, room.Version);
        Assert.Equal(RegisteredAt, room.RegisteredAt);
        Assert.Equal(RegisteredAt, room.UpdatedAt);
        var registered = Assert.IsType<RoomRegistered>(Assert.Single(room.DomainEvents));
        Assert.Equal(new RoomRegistered(room.Number, RoomType.Deluxe, "Deluxe ocean view", 120_000m, 1), registered);
    }

    [Fact]
    public void Register_trims_the_name() =>
        Assert.Equal("Suite", Room.Register(RoomNumber.Parse("1"), RoomType.Suite, "  Suite \t", 1m, RegisteredAt).Name);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Register_rejects_an_empty_name(string name) =>
        AssertBroken("name", () => Room.Register(RoomNumber.Parse("1"), RoomType.Standard, name, 1m, RegisteredAt));

    [Theory]
    [InlineData("Ocean\u0000view")]
    [InlineData("Ocean\nview")]
    [InlineData("Ocean view\u001b[2J")]
    public void Register_rejects_a_name_with_a_control_character(string name) =>
        AssertBroken("name", () => Room.Register(RoomNumber.Parse("1"), RoomType.Standard, name, 1m, RegisteredAt));

    [Fact]
    public void Register_rejects_a_name_longer_than_100_characters()
    {
        Assert.Equal(100, Room.Register(RoomNumber.Parse("1"), RoomType.Standard, new string('n', 100), 1m, RegisteredAt).Name.Length);
        AssertBroken("name", () => Room.Register(RoomNumber.Parse("1"), RoomType.Standard, new string('n', 101), 1m, RegisteredAt));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.001")]
    [InlineData("100000000.01")]
    [InlineData("99.999")]
    public void Register_rejects_a_price_that_is_not_a_positive_amount_of_at_most_2_decimals(string price) =>
        AssertBroken("pricePerNight", () => Room.Register(RoomNumber.Parse("1"), RoomType.Standard, "n", decimal.Parse(price), RegisteredAt));

    [Theory]
    [InlineData("0.01")]
    [InlineData("99.90")]
    [InlineData("100000000")]
    public void Register_accepts_prices_on_the_edges(string price) =>
        Assert.Equal(decimal.Parse(price), Room.Register(RoomNumber.Parse("1"), RoomType.Standard, "n", decimal.Parse(price), RegisteredAt).PricePerNight);

    [Fact]
    public void Register_rejects_an_undefined_type() =>
        AssertBroken("type", () => Room.Register(RoomNumber.Parse("1"), (RoomType)42, "n", 1m, RegisteredAt));

    [Fact]
    public void Change_applies_name_and_price_bumps_the_version_and_raises_RoomChanged()
    {
        var room = NewRoom();
        room.ClearDomainEvents();

        Assert.True(room.Change(" Deluxe garden view ", 99_000m, Later));

        Assert.Equal("Deluxe garden view", room.Name);
        Assert.Equal(99_000m, room.PricePerNight);
        Assert.Equal(2, room.Version);
        Assert.Equal(Later, room.UpdatedAt);
        Assert.Equal(RegisteredAt, room.RegisteredAt);
        var changed = Assert.IsType<RoomChanged>(Assert.Single(room.DomainEvents));
        Assert.Equal(new RoomChanged(room.Number, RoomType.Deluxe, "Deluxe garden view", 99_000m, 2), changed);
    }

    [Fact]
    public void Change_of_one_field_keeps_the_other()
    {
        var room = NewRoom();

        room.Change(null, 1_000m, Later);
        room.Change("Renamed", null, Later);

        Assert.Equal(("Renamed", 1_000m, 3), (room.Name, room.PricePerNight, room.Version));
        Assert.Equal([1, 2, 3], room.DomainEvents.Select(VersionOf));
    }

    [Fact]
    public void Change_to_the_same_values_changes_nothing_and_raises_nothing()
    {
        var room = NewRoom();
        room.ClearDomainEvents();

        Assert.False(room.Change("  Deluxe ocean view ", 120_000.00m, Later));

        Assert.Equal(1, room.Version);
        Assert.Equal(RegisteredAt, room.UpdatedAt);
        Assert.Empty(room.DomainEvents);
    }

    [Fact]
    public void Change_with_a_broken_rule_leaves_the_room_as_it_was()
    {
        var room = NewRoom();
        room.ClearDomainEvents();

        AssertBroken("pricePerNight", () => room.Change("Valid new name", -5m, Later));
        AssertBroken("name", () => room.Change(" ", 5m, Later));

        Assert.Equal(("Deluxe ocean view", 120_000m, 1), (room.Name, room.PricePerNight, room.Version));
        Assert.Empty(room.DomainEvents);
    }

    private static int VersionOf(IDomainEvent domainEvent) => domainEvent switch
    {
        RoomRegistered registered => registered.Version,
        RoomChanged changed => changed.Version,
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent)),
    };

    private static void AssertBroken(string field, Action action) =>
        Assert.Equal(field, Assert.Throws<RoomDomainException>(action).Field);
}
