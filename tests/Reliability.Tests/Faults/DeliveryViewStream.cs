using System.Collections.Concurrent;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Reliability.Tests.Faults;

/// <summary>
/// A customer's live "my reservations" stream (roomview's server-sent events, through the gateway): roomview sends
/// one 'reservation' event per change it applied, so counting them counts the view's updates.
/// </summary>
public sealed class DeliveryViewStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _listed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _updatedReservations = new();
    private readonly Task _reading;

    private DeliveryViewStream(HttpResponseMessage response)
    {
        _response = response;
        _reading = ReadAsync(_stop.Token);
    }

    public static async Task<DeliveryViewStream> OpenAsync(HttpClient gateway, string customerId)
    {
        var response = await gateway.GetAsync($"/api/v1/customers/{customerId}/reservations/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = new DeliveryViewStream(response);
        // The list comes after the subscription: from here on no change is missed.
        await stream._listed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return stream;
    }

    public int UpdatesOf(string reservationNumber) => _updatedReservations.Count(number => number == reservationNumber);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await _response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
            {
                if (item.EventType == "reservations")
                {
                    _listed.TrySetResult();
                }
                else if (item.EventType == "reservation")
                {
                    using var reservation = JsonDocument.Parse(item.Data);
                    _updatedReservations.Enqueue(reservation.RootElement.GetProperty("reservationNumber").GetString()!);
                }
            }
        }
        finally
        {
            // Ended (or failed) before the list came: whoever waits for it learns at once.
            _listed.TrySetException(new InvalidOperationException("The reservations stream ended before its first event."));
        }
    }
}
