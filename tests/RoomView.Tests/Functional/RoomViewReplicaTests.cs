using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>A second roomview process in the same consumer group, on the same Redis: the work is split, the view is one.</summary>
[Collection(nameof(RoomViewCollection))]
public sealed class RoomViewReplicaTests(RoomViewFactory factory) : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2031, 8, 1);

    private readonly RoomViewFactory _secondReplica = new();

    public Task InitializeAsync() => ((IAsyncLifetime)_secondReplica).InitializeAsync();

    [Fact]
    public async Task Two_replicas_show_every_reservation_and_stream_every_change_whichever_one_handled_it()
    {
        var customer = ReservationState.NewCustomerId();
        HttpClient[] replicas = [factory.CreateCustomerClient(customer), _secondReplica.CreateCustomerClient(customer)];
        var watchers = new List<(HttpResponseMessage Response, ServerSentEventsReader Events)>();
        foreach (var replica in replicas)
        {
            var response = await replica.GetAsync($"/api/v1/customers/{customer}/reservations/stream", HttpCompletionOption.ResponseHeadersRead);
            var events = new ServerSentEventsReader(await response.Content.ReadAsStreamAsync());
            Assert.Equal("reservations", (await events.ReadAsync()).Type);
            watchers.Add((response, events));
        }

        // Keyed as the reservation context publishes them, so they spread over the partitions both replicas share.
        using var publisher = new BookingEventsPublisher(factory.KafkaBootstrapServers, byKey: true);
        var confirmed = Enumerable.Range(0, 12)
            .Select(i => ReservationState.Placed(customer, $"B-{i}", Day.AddDays(i), Day.AddDays(i + 1)).Next("Confirmed"))
            .ToList();
        foreach (var reservation in confirmed)
        {
            await publisher.PublishAsync(reservation with { Status = "Held", Version = 1, PaymentId = null });
            await publisher.PublishAsync(reservation);
        }

        foreach (var replica in replicas)
        {
            foreach (var reservation in confirmed)
            {
                await replica.WaitForVersionAsync(reservation);
            }

            var listed = await replica.GetFromJsonAsync<JsonElement[]>($"/api/v1/customers/{customer}/reservations");
            Assert.Equal(confirmed.Select(reservation => reservation.ReservationNumber), listed!.Select(reservation => reservation.GetProperty("reservationNumber").GetString()));
            Assert.All(listed!, reservation => Assert.Equal("Confirmed", reservation.GetProperty("status").GetString()));
        }

        foreach (var (response, events) in watchers)
        {
            var confirmedSeen = new HashSet<string>();
            while (confirmedSeen.Count < confirmed.Count)
            {
                var changed = await events.ReadUntilAsync("reservation", reservation => reservation.GetProperty("version").GetInt32() == 2);
                confirmedSeen.Add(changed.GetProperty("reservationNumber").GetString()!);
            }

            events.Dispose();
            response.Dispose();
        }
    }

    Task IAsyncLifetime.DisposeAsync() => _secondReplica.DisposeAsync().AsTask();
}
