using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.RoomView.Tests.Functional;

internal static class ReservationPolling
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls the customer's reservation until <paramref name="until"/> holds for it; fails at the deadline.</summary>
    public static async Task<JsonElement> WaitForReservationAsync(
        this HttpClient client, string customerId, string reservationNumber, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync($"/api/v1/customers/{customerId}/reservations/{reservationNumber}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var reservation = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (until(reservation))
                {
                    return reservation;
                }

                last = reservation.ToString();
            }

            await Task.Delay(Interval);
        }

        throw new TimeoutException($"Reservation {reservationNumber} did not reach the expected state within {Timeout}; last seen: {last}.");
    }

    public static Task<JsonElement> WaitForVersionAsync(this HttpClient client, ReservationState reservation) =>
        client.WaitForReservationAsync(reservation.CustomerId, reservation.ReservationNumber,
            seen => seen.GetProperty("version").GetInt32() == reservation.Version);

    /// <summary>Polls the room's availability of <c>[from, to)</c> until it shows <paramref name="expected"/>.</summary>
    public static async Task WaitForAvailabilityAsync(this HttpClient client, string number, DateOnly from, DateOnly to, params string[] expected)
    {
        var deadline = DateTime.UtcNow + Timeout;
        IReadOnlyList<string> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await client.AvailabilityAsync(number, from, to);
            if (last.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(Interval);
        }

        throw new TimeoutException($"Room {number} did not show [{string.Join(", ", expected)}] within {Timeout}; last seen: [{string.Join(", ", last)}].");
    }

    public static async Task<IReadOnlyList<string>> AvailabilityAsync(this HttpClient client, string number, DateOnly from, DateOnly to)
    {
        var availability = await client.GetFromJsonAsync<JsonElement>($"/api/v1/roominfos/{number}/availability?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        return [.. availability.GetProperty("nights").EnumerateArray().Select(night => night.GetProperty("status").GetString()!)];
    }

    /// <summary>
    /// Publishes a reservation and then a payment of it after everything published so far, and waits for both: events
    /// share partition 0 of each topic, so every earlier reservation and payment event was handled too.
    /// </summary>
    public static async Task PublishSentinelsAndWaitAsync(this HttpClient client, BookingEventsPublisher publisher)
    {
        var sentinel = ReservationState.Placed(ReservationState.NewCustomerId(), "SENTINEL", new DateOnly(2040, 1, 1), new DateOnly(2040, 1, 2))
            .Next("Confirmed");
        await publisher.PublishAsync(sentinel);
        await client.WaitForVersionAsync(sentinel);
        await publisher.PublishApprovedAsync(sentinel);
        await client.WaitForReservationAsync(sentinel.CustomerId, sentinel.ReservationNumber,
            seen => seen.GetProperty("payment").ValueKind == JsonValueKind.Object);
    }
}
