using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reliability.Tests.Support;

/// <summary>
/// Customers booking while a fault is injected: each worker has a room and a customer of its own and reserves one night
/// after another (cancelling every other reservation when asked), so no two requests compete for a night. It keeps
/// what the system acknowledged, to check afterwards that none of it was lost.
/// </summary>
public sealed class BookingLoad
{
    private readonly ConcurrentQueue<Booking> _acknowledged = new();
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private int _serverErrors;

    private BookingLoad()
    {
    }

    /// <summary>A reservation the system acknowledged (201), and the status its acknowledged requests leave it in.</summary>
    public sealed record Booking(string Number, string CustomerId, string Status, DateTimeOffset At);

    public IReadOnlyList<Booking> Acknowledged => [.. _acknowledged];

    public int Sent => _statuses.Values.Sum();

    /// <summary>5xx answers other than 503 with Retry-After (the documented "unavailable, try again").</summary>
    public int ServerErrors => _serverErrors;

    /// <summary>e.g. "201×120 200×60 503×14".</summary>
    public string StatusCounts => string.Join(' ', _statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}×{pair.Value}"));

    public static async Task<BookingLoad> StartAsync(RunningSystemFixture system, int workers, bool cancelEveryOther, TimeSpan pause)
    {
        var load = new BookingLoad();
        var rooms = new List<(BookingClient Client, string Room)>();
        for (var worker = 0; worker < workers; worker++)
        {
            var client = new BookingClient(system);
            var room = await client.RegisterRoomAsync(70_000m + worker);
            // Reservation learns rooms from room-events; the first reservation waits until it knows this one.
            var first = await client.ReserveAsync(room, BookingClient.Today().AddDays(1), BookingClient.Today().AddDays(2));
            load._acknowledged.Enqueue(new Booking(first.GetProperty("number").GetString()!, client.Customer, "Held", DateTimeOffset.UtcNow));
            rooms.Add((client, room));
        }

        foreach (var (client, room) in rooms)
        {
            load._workers.Add(Task.Run(() => load.BookAsync(client, room, cancelEveryOther, pause)));
        }

        return load;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task BookAsync(BookingClient client, string room, bool cancelEveryOther, TimeSpan pause)
    {
        for (var day = 2; day <= 365 && !_stop.IsCancellationRequested; day++)
        {
            var checkIn = BookingClient.Today().AddDays(day);
            var reserved = await SendAsync(() => client.Gateway.PostAsJsonAsync("/api/v1/reservations",
                new { customerId = client.Customer, roomNumber = room, checkIn, checkOut = checkIn.AddDays(1) }));
            if (reserved?.StatusCode == HttpStatusCode.Created)
            {
                var number = (await reserved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
                var status = "Held";
                if (cancelEveryOther && day % 2 == 1)
                {
                    using var cancelled = await SendAsync(() => client.Gateway.PostAsync($"/api/v1/reservations/{number}/cancel", content: null));
                    status = cancelled?.StatusCode == HttpStatusCode.OK ? "Cancelled" : "Held or Cancelled";
                }

                _acknowledged.Enqueue(new Booking(number, client.Customer, status, DateTimeOffset.UtcNow));
            }

            reserved?.Dispose();
            await Task.Delay(pause).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException)
        {
            // No answer at all (the connection dropped): not acknowledged, and counted as a failure.
            _statuses.AddOrUpdate(0, 1, (_, count) => count + 1);
            Interlocked.Increment(ref _serverErrors);
            return null;
        }

        _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
        if (ServerError.Is(response))
        {
            Interlocked.Increment(ref _serverErrors);
        }

        return response;
    }
}
