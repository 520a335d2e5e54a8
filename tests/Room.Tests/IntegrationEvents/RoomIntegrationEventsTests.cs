using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Domain.Events;
using Accommodation.Rooms.Api.IntegrationEvents;

namespace Accommodation.Rooms.Tests.IntegrationEvents;

public sealed class RoomIntegrationEventsTests
{
    private static readonly RoomNumber Number = RoomNumber.Parse("A-1");

    [Fact]
    public void RoomRegistered_is_published_with_the_room_state_and_the_type_by_name()
    {
        var published = RoomIntegrationEvents.From(new RoomRegistered(Number, RoomType.Family, "Family room", 150_000m, 1));

        var registered = Assert.IsType<RoomRegisteredIntegrationEvent>(published);
        Assert.Equal(("A-1", "Family", "Family room", 150_000m, 1),
            (registered.Number, registered.Type, registered.Name, registered.PricePerNight, registered.Version));
        Assert.NotEqual(Guid.Empty, registered.Id);
    }

    [Fact]
    public void RoomChanged_is_published_with_the_whole_state_after_the_change()
    {
        var published = RoomIntegrationEvents.From(new RoomChanged(Number, RoomType.Suite, "Renamed", 99_000m, 4));

        var changed = Assert.IsType<RoomChangedIntegrationEvent>(published);
        Assert.Equal(("A-1", "Suite", "Renamed", 99_000m, 4), (changed.Number, changed.Type, changed.Name, changed.PricePerNight, changed.Version));
    }

    [Fact]
    public void RoomCheckedOut_is_published_with_the_reservation_it_closes()
    {
        var at = new DateTimeOffset(2031, 3, 10, 9, 0, 0, TimeSpan.Zero);

        var published = RoomIntegrationEvents.From(new RoomCheckedOut(Number, "R-20310308-7F3K9Q", at, 5));

        var checkedOut = Assert.IsType<RoomCheckedOutIntegrationEvent>(published);
        Assert.Equal(("A-1", "R-20310308-7F3K9Q", at, 5), (checkedOut.Number, checkedOut.ReservationNumber, checkedOut.CheckedOutAt, checkedOut.Version));
    }

    [Fact]
    public void Every_published_event_gets_its_own_id()
    {
        var registered = new RoomRegistered(Number, RoomType.Standard, "n", 1m, 1);

        Assert.NotEqual(RoomIntegrationEvents.From(registered).Id, RoomIntegrationEvents.From(registered).Id);
    }
}
