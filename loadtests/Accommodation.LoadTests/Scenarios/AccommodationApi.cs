using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Accommodation.LoadTests.Access;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>The gateway's APIs that the scenarios prepare and check with (see Accommodation.http).</summary>
public sealed class AccommodationApi(HttpClient http)
{
    private const string ProbeCustomer = ClientCredentials.CustomerPrefix + "probe";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A request of <paramref name="customer"/> (a synthetic <c>load-</c> customer, whose token it carries) to reserve
    /// <paramref name="room"/> for the nights [checkIn, checkOut).
    /// </summary>
    public static HttpRequestMessage Reserve(string customer, string room, DateOnly checkIn, DateOnly checkOut) =>
        BearerTokenHandler.ForCustomer(new(HttpMethod.Post, "api/v1/reservations")
        {
            Content = JsonContent.Create(new { roomNumber = room, checkIn, checkOut }),
        }, customer);

    /// <summary>A request of <paramref name="customer"/> to pay their reservation <paramref name="number"/>.</summary>
    public static HttpRequestMessage Pay(string customer, string number) =>
        BearerTokenHandler.ForCustomer(new(HttpMethod.Post, $"api/v1/reservations/{number}/pay"), customer);

    /// <summary>A request of <paramref name="customer"/> to cancel their reservation <paramref name="number"/>.</summary>
    public static HttpRequestMessage Cancel(string customer, string number) =>
        BearerTokenHandler.ForCustomer(new(HttpMethod.Post, $"api/v1/reservations/{number}/cancel"), customer);

    public async Task RegisterRoomAsync(string number, decimal pricePerNight, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "api/v1/rooms", new { number, type = "Standard", name = $"Load test room {number}", pricePerNight }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new ScenarioException(
                $"Registering room {number} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>
    /// Waits until reservation's replica of the room catalog (fed by room-events through Kafka) knows the room: a probe
    /// reservation of <paramref name="probeNight"/> answers 422 until then; once it is taken, it is cancelled.
    /// </summary>
    public async Task WaitUntilReservableAsync(string room, DateOnly probeNight, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.SendAsync(Reserve(ProbeCustomer, room, probeNight, probeNight.AddDays(1)), cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var reservation = await response.Content.ReadFromJsonAsync<ReservationView>(cancellationToken);
                using var cancel = Cancel(ProbeCustomer, reservation!.Number);
                using var cancelled = await http.SendAsync(cancel, cancellationToken);
                return;
            }

            if (response.StatusCode != HttpStatusCode.UnprocessableEntity || waited.Elapsed > timeout)
            {
                throw new ScenarioException(
                    $"Room {room} is not reservable after {waited.Elapsed.TotalSeconds:0} s: the probe reservation answered {(int)response.StatusCode}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Waits until the room view (the read model, fed by room-events) shows the room.</summary>
    public async Task WaitUntilVisibleAsync(string room, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync($"api/v1/roominfos/{room}", cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (response.StatusCode != HttpStatusCode.NotFound || waited.Elapsed > timeout)
            {
                throw new ScenarioException(
                    $"Room {room} has not reached the room view after {waited.Elapsed.TotalSeconds:0} s (last answer {(int)response.StatusCode}).");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Every reservation of a customer, from reservation itself (the source of truth, not the read model).</summary>
    public async Task<IReadOnlyList<ReservationView>> ListReservationsAsync(string customer, CancellationToken cancellationToken)
    {
        const int pageSize = 100;
        var all = new List<ReservationView>();
        for (var page = 0; ; page++)
        {
            var items = await http.GetFromJsonAsync<Page<ReservationView>>(
                $"api/v1/reservations?customerId={Uri.EscapeDataString(customer)}&pageIndex={page}&pageSize={pageSize}", cancellationToken)
                ?? throw new ScenarioException($"Listing the reservations of {customer} answered nothing.");
            all.AddRange(items.Data);
            if (items.Data.Count < pageSize)
            {
                return all;
            }
        }
    }

    /// <summary>The nights [from, to) of a room as the room service sees them (fed by reservation-events).</summary>
    public async Task<IReadOnlyList<RoomNight>> RoomNightsAsync(string room, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var nights = await http.GetFromJsonAsync<RoomNights>($"api/v1/rooms/{room}/nights?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", cancellationToken)
            ?? throw new ScenarioException($"The nights of room {room} answered nothing.");
        return nights.Nights;
    }

    private sealed record Page<T>(long Count, IReadOnlyList<T> Data);

    private sealed record RoomNights(IReadOnlyList<RoomNight> Nights);
}

/// <summary>A reservation as reservation answers it; Held and Confirmed ones occupy their nights.</summary>
public sealed record ReservationView(string Number, string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut, string Status)
{
    public bool IsLive => Status is "Held" or "Confirmed";

    public bool Covers(DateOnly night) => CheckIn <= night && night < CheckOut;
}

/// <summary>One night of a room: "Available" or "Unavailable".</summary>
public sealed record RoomNight(DateOnly Night, string Status);
