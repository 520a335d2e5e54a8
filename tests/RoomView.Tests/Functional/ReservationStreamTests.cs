using System.Net;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.RoomView.Tests.Functional;

[Collection(nameof(RoomViewCollection))]
public sealed class ReservationStreamTests(RoomViewFactory factory) : IDisposable
{
    private static readonly DateOnly Day = new(2031, 7, 1);

    // Waits as a manager; each customer watches their own stream with their own token.
    private readonly HttpClient _client = factory.CreateManagerClient();
    private readonly BookingEventsPublisher _bookings = new(factory.KafkaBootstrapServers);

    [Fact]
    public async Task A_watcher_gets_the_current_list_then_every_change()
    {
        var placed = ReservationState.Placed(ReservationState.NewCustomerId(), "A-101", Day, Day.AddDays(1));
        await _bookings.PublishAsync(placed);
        await _client.WaitForVersionAsync(placed);

        using var watcher = factory.CreateCustomerClient(placed.CustomerId);
        using var response = await watcher.GetAsync($"/api/v1/customers/{placed.CustomerId}/reservations/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new ServerSentEventsReader(await response.Content.ReadAsStreamAsync());

        var (type, list) = await events.ReadAsync();
        Assert.Equal("reservations", type);
        Assert.Equal([placed.ReservationNumber], list.EnumerateArray().Select(reservation => reservation.GetProperty("reservationNumber").GetString()));

        var confirmed = placed.Next("Confirmed");
        await _bookings.PublishAsync(confirmed);
        var changed = await events.ReadUntilAsync("reservation", reservation => reservation.GetProperty("version").GetInt32() == 2);
        Assert.Equal((placed.ReservationNumber, "Confirmed"), (changed.GetProperty("reservationNumber").GetString(), changed.GetProperty("status").GetString()));

        await _bookings.PublishApprovedAsync(confirmed);
        var paid = await events.ReadUntilAsync("reservation", reservation => reservation.GetProperty("payment").ValueKind == JsonValueKind.Object);
        Assert.Equal("Approved", paid.GetProperty("payment").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_watcher_with_no_reservations_gets_an_empty_list_then_the_first_one()
    {
        var customer = ReservationState.NewCustomerId();
        using var watcher = factory.CreateCustomerClient(customer);
        using var response = await watcher.GetAsync($"/api/v1/customers/{customer}/reservations/stream", HttpCompletionOption.ResponseHeadersRead);
        using var events = new ServerSentEventsReader(await response.Content.ReadAsStreamAsync());
        var (type, list) = await events.ReadAsync();
        Assert.Equal(("reservations", 0), (type, list.GetArrayLength()));

        var placed = ReservationState.Placed(customer, "A-101", Day, Day.AddDays(1));
        await _bookings.PublishAsync(placed);

        var first = await events.ReadUntilAsync("reservation", _ => true);
        Assert.Equal(placed.ReservationNumber, first.GetProperty("reservationNumber").GetString());
    }

    [Fact]
    public async Task A_stream_ends_when_its_token_expires()
    {
        var customer = ReservationState.NewCustomerId();
        var shortLived = TestTokens.Create(new TokenSpec(customer, "roomview") { Roles = ["customer"], Lifetime = TimeSpan.FromSeconds(3) });
        using var watcher = factory.CreateClient(shortLived);
        using var response = await watcher.GetAsync($"/api/v1/customers/{customer}/reservations/stream", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // Without the end at expiry the stream stays open as long as the client does, and this read times out.
        var whole = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("event: reservations", whole, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watcher_sees_none_of_another_customers_changes()
    {
        var customer = ReservationState.NewCustomerId();
        using var watcher = factory.CreateCustomerClient(customer);
        using var response = await watcher.GetAsync($"/api/v1/customers/{customer}/reservations/stream", HttpCompletionOption.ResponseHeadersRead);
        using var events = new ServerSentEventsReader(await response.Content.ReadAsStreamAsync());
        await events.ReadAsync();

        var someoneElses = ReservationState.Placed(ReservationState.NewCustomerId(), "A-101", Day, Day.AddDays(1));
        var mine = ReservationState.Placed(customer, "A-102", Day, Day.AddDays(1));
        await _bookings.PublishAsync(someoneElses);
        await _bookings.PublishAsync(mine);

        // Same partition, in order: had the other customer's change been sent, it would come first.
        var (type, first) = await events.ReadAsync();
        Assert.Equal(("reservation", mine.ReservationNumber), (type, first.GetProperty("reservationNumber").GetString()));
    }

    public void Dispose() => _bookings.Dispose();
}
