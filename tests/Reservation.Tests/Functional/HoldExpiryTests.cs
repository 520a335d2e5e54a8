using System.Net;
using Accommodation.Testing;
using Accommodation.Testing.Kafka;

namespace Accommodation.Reservations.Tests.Functional;

/// <summary>
/// A host whose holds last one second, so the expiry scan (every 200 ms) gets to work; its payment attempts may take
/// longer than a hold, so that a payment can still be in flight when the hold runs out.
/// </summary>
public sealed class ShortHoldFactory : ReservationApiFactory
{
    public override TimeSpan HoldTime => TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Reservation:PaymentResilience:AttemptTimeout:Timeout"] = "00:00:05",
        ["Reservation:PaymentResilience:TotalRequestTimeout:Timeout"] = "00:00:10",
        ["Reservation:PaymentResilience:CircuitBreaker:SamplingDuration"] = "00:00:10",
    };
}

[CollectionDefinition(nameof(ShortHoldCollection))]
public sealed class ShortHoldCollection : ICollectionFixture<ShortHoldFactory>;

[Collection(nameof(ShortHoldCollection))]
public sealed class HoldExpiryTests(ShortHoldFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Fact]
    public async Task An_unpaid_hold_expires_publishes_ReservationExpired_and_frees_its_nights()
    {
        var room = await factory.RegisterRoomAsync();
        var held = await _client.ReservedAsync(room, ReservationScenarios.Day(4), ReservationScenarios.Day(6));
        var number = held.Number();
        Assert.Equal(TimeSpan.FromSeconds(1), held.GetProperty("holdExpiresAt").GetDateTimeOffset() - held.GetProperty("placedAt").GetDateTimeOffset());

        await Poll.UntilAsync(async () => (await _client.GetReservationAsync(number)).Status() == "Expired", $"{number} expired");

        var expired = await _client.GetReservationAsync(number);
        Assert.Equal(2, expired.GetProperty("version").GetInt32());
        Assert.True(expired.GetProperty("expiredAt").GetDateTimeOffset() >= held.GetProperty("holdExpiresAt").GetDateTimeOffset());
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, ReservationApiFactory.ReservationEventsTopic);
        var events = await reader.ReadAsync(number, count: 2);
        Assert.Equal("ReservationExpiredIntegrationEvent", events[1].EventType);
        Assert.Equal(("Expired", 2), (events[1].Payload.GetProperty("status").GetString(), events[1].Payload.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.Created, (await _client.ReserveAsync(room, ReservationScenarios.Day(5), ReservationScenarios.Day(6))).StatusCode);
    }

    [Fact]
    public async Task Paying_after_the_hold_expired_is_409_and_payment_is_never_called()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await _client.ReservedAsync(room, ReservationScenarios.Day(4), ReservationScenarios.Day(5))).Number();
        await Poll.UntilAsync(async () => (await _client.GetReservationAsync(number)).Status() == "Expired", $"{number} expired");

        var response = await _client.ActAsync(number, "pay");

        var problem = await ProblemAssert.IsProblemAsync(response, 409);
        Assert.Contains("Expired", problem.GetProperty("detail").GetString());
        Assert.Empty(factory.Payment.CallsFor(number));
        Assert.Equal("Expired", (await _client.GetReservationAsync(number)).Status());
        Assert.Equal(2, await factory.OutboxCountAsync(number));
    }

    [Fact]
    public async Task Expired_reservations_cannot_be_cancelled_or_checked_out()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await _client.ReservedAsync(room, ReservationScenarios.Day(4), ReservationScenarios.Day(5))).Number();
        await Poll.UntilAsync(async () => (await _client.GetReservationAsync(number)).Status() == "Expired", $"{number} expired");

        await ProblemAssert.IsProblemAsync(await _client.ActAsync(number, "cancel"), 409);
        await ProblemAssert.IsProblemAsync(await factory.CreateManagerClient().ActAsync(number, "check-out"), 409);
    }

    [Fact]
    public async Task A_payment_in_flight_when_the_hold_runs_out_still_confirms_and_the_scan_leaves_it_alone()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await _client.ReservedAsync(room, ReservationScenarios.Day(4), ReservationScenarios.Day(5))).Number();
        // Payment answers after the hold time: the reservation stays locked meanwhile, so the scan skips it.
        factory.Payment.Latency = TimeSpan.FromSeconds(2);
        try
        {
            var response = await _client.ActAsync(number, "pay");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            factory.Payment.Latency = TimeSpan.Zero;
        }

        Assert.Equal("Confirmed", (await _client.GetReservationAsync(number)).Status());
        Assert.Single(factory.Payment.CallsFor(number));
        Assert.Equal(2, await factory.OutboxCountAsync(number));
    }
}
