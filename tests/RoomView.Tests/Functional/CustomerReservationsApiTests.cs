using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;
using Confluent.Kafka;

namespace Accommodation.RoomView.Tests.Functional;

[Collection(nameof(RoomViewCollection))]
public sealed class CustomerReservationsApiTests(RoomViewFactory factory) : IDisposable
{
    private static readonly DateOnly Day = new(2031, 6, 1);

    // A manager reads any customer's reservations; AuthorizationTests has who else may.
    private readonly HttpClient _client = factory.CreateManagerClient();
    private readonly BookingEventsPublisher _bookings = new(factory.KafkaBootstrapServers);

    [Fact]
    public async Task My_reservations_follow_the_booking_from_reserve_to_refund()
    {
        var placed = ReservationState.Placed(ReservationState.NewCustomerId(), "A-101", Day, Day.AddDays(2));
        var confirmed = placed.Next("Confirmed");
        var cancelled = confirmed.Next("Cancelled");

        await _bookings.PublishAsync(placed);
        var held = await _client.WaitForVersionAsync(placed);
        Assert.Equal(placed.ReservationNumber, held.GetProperty("reservationNumber").GetString());
        Assert.Equal(placed.CustomerId, held.GetProperty("customerId").GetString());
        Assert.Equal("A-101", held.GetProperty("roomNumber").GetString());
        Assert.Equal(("2031-06-01", "2031-06-03"), (held.GetProperty("checkIn").GetString(), held.GetProperty("checkOut").GetString()));
        Assert.Equal(200_000m, held.GetProperty("totalPrice").GetDecimal());
        Assert.Equal("Held", held.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("payment").ValueKind);

        await _bookings.PublishAsync(confirmed);
        await _bookings.PublishApprovedAsync(confirmed);
        var paid = await _client.WaitForReservationAsync(placed.CustomerId, placed.ReservationNumber,
            seen => seen.GetProperty("version").GetInt32() == 2 && seen.GetProperty("payment").ValueKind == JsonValueKind.Object);
        Assert.Equal("Confirmed", paid.GetProperty("status").GetString());
        var payment = paid.GetProperty("payment");
        Assert.Equal(("Approved", 200_000m), (payment.GetProperty("status").GetString(), payment.GetProperty("amount").GetDecimal()));
        Assert.Equal(confirmed.PaymentId, payment.GetProperty("paymentId").GetGuid());

        await _bookings.PublishAsync(cancelled);
        await _bookings.PublishRefundedAsync(cancelled, refundRate: 0.5m);
        var refunded = await _client.WaitForReservationAsync(placed.CustomerId, placed.ReservationNumber,
            seen => seen.GetProperty("version").GetInt32() == 3 && seen.GetProperty("payment").GetProperty("status").GetString() == "Refunded");
        Assert.Equal("Cancelled", refunded.GetProperty("status").GetString());
        Assert.Equal(100_000m, refunded.GetProperty("payment").GetProperty("refundedAmount").GetDecimal());
        Assert.Equal(0.5m, refunded.GetProperty("payment").GetProperty("refundRate").GetDecimal());
    }

    [Fact]
    public async Task The_list_holds_only_the_customers_own_reservations_by_check_in()
    {
        var customer = ReservationState.NewCustomerId();
        var later = ReservationState.Placed(customer, "A-101", Day.AddDays(10), Day.AddDays(11));
        var earlier = ReservationState.Placed(customer, "A-102", Day, Day.AddDays(1));
        var someoneElses = ReservationState.Placed(ReservationState.NewCustomerId(), "A-101", Day.AddDays(5), Day.AddDays(6));

        await _bookings.PublishAsync(later);
        await _bookings.PublishAsync(earlier);
        await _bookings.PublishAsync(someoneElses);
        await _client.WaitForVersionAsync(someoneElses);

        using var asTheCustomer = factory.CreateCustomerClient(customer);
        var mine = await asTheCustomer.GetFromJsonAsync<JsonElement[]>($"/api/v1/customers/{customer}/reservations");
        Assert.Equal([earlier.ReservationNumber, later.ReservationNumber], mine!.Select(reservation => reservation.GetProperty("reservationNumber").GetString()));
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement[]>($"/api/v1/customers/{ReservationState.NewCustomerId()}/reservations"))!);
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_events_end_in_the_newest_state()
    {
        var placed = ReservationState.Placed(ReservationState.NewCustomerId(), "A-101", Day, Day.AddDays(1));
        var confirmed = placed.Next("Confirmed");
        var cancelled = confirmed.Next("Cancelled");
        var approvedId = Guid.CreateVersion7();

        // The refund overtakes the approval, which then comes twice; the reservation's events come newest first.
        await _bookings.PublishRefundedAsync(cancelled, refundRate: 1m);
        await _bookings.PublishApprovedAsync(confirmed, approvedId);
        await _bookings.PublishApprovedAsync(confirmed, approvedId);
        await _bookings.PublishAsync(cancelled);
        await _bookings.PublishAsync(confirmed);
        await _bookings.PublishAsync(placed);
        await _bookings.PublishAsync(placed);
        await _client.PublishSentinelsAndWaitAsync(_bookings);

        var reservation = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{placed.CustomerId}/reservations/{placed.ReservationNumber}");
        Assert.Equal(("Cancelled", 3), (reservation.GetProperty("status").GetString(), reservation.GetProperty("version").GetInt32()));
        var payment = reservation.GetProperty("payment");
        Assert.Equal(("Refunded", 100_000m), (payment.GetProperty("status").GetString(), payment.GetProperty("refundedAmount").GetDecimal()));
    }

    [Fact]
    public async Task A_reservation_is_found_by_number_in_any_case_but_only_for_its_customer()
    {
        var placed = ReservationState.Placed(ReservationState.NewCustomerId(), "A-101", Day, Day.AddDays(1));
        await _bookings.PublishAsync(placed);
        await _client.WaitForVersionAsync(placed);

        var found = await _client.GetAsync($"/api/v1/customers/{placed.CustomerId}/reservations/{placed.ReservationNumber.ToLowerInvariant()}");
        var someoneElse = await _client.GetAsync($"/api/v1/customers/{ReservationState.NewCustomerId()}/reservations/{placed.ReservationNumber}");

        Assert.Equal(System.Net.HttpStatusCode.OK, found.StatusCode);
        await ProblemAssert.IsProblemAsync(someoneElse, 404);
    }

    [Fact]
    public async Task A_reservation_event_the_view_cannot_use_goes_to_the_dead_letter_topic_and_the_next_one_still_applies()
    {
        var broken = ReservationState.Placed(ReservationState.NewCustomerId(), "A-101", Day, Day.AddDays(1)) with { Status = "Paid" };
        var next = ReservationState.Placed(broken.CustomerId, "A-101", Day.AddDays(1), Day.AddDays(2));

        await _bookings.PublishAsync(RoomViewFactory.ReservationEventsTopic, broken.ReservationNumber, "ReservationConfirmedIntegrationEvent", null, broken);
        await _bookings.PublishAsync(next);
        await _client.WaitForVersionAsync(next);

        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/customers/{broken.CustomerId}/reservations/{broken.ReservationNumber}"), 404);
        Assert.Equal(broken.ReservationNumber, await DeadLetterKeyAsync(broken.ReservationNumber));
    }

    [Fact]
    public async Task An_unknown_reservation_is_a_404_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/customers/{ReservationState.NewCustomerId()}/reservations/R-20310601-NOSUCH"), 404);

    [Theory]
    [InlineData("R 20310601")]
    [InlineData("R-20310601-7F3K9Q\n")]
    public async Task A_reservation_number_that_cannot_exist_is_a_400_problem_naming_it(string number) =>
        await ProblemAssert.HasErrorForAsync(
            await _client.GetAsync($"/api/v1/customers/{ReservationState.NewCustomerId()}/reservations/{Uri.EscapeDataString(number)}"), "reservationNumber");

    [Theory]
    [InlineData("/api/v1/customers/{0}/reservations")]
    [InlineData("/api/v1/customers/{0}/reservations/R-20310601-7F3K9Q")]
    [InlineData("/api/v1/customers/{0}/reservations/stream")]
    public async Task A_customer_id_that_cannot_exist_is_a_400_problem(string path)
    {
        var response = await _client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Uri.EscapeDataString("no spaces allowed")));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("customerId", out _), problem.ToString());
    }

    private async Task<string> DeadLetterKeyAsync(string key) => await Task.Run(() =>
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = factory.KafkaBootstrapServers,
            GroupId = $"roomview-tests-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Assign(new TopicPartitionOffset($"{RoomViewFactory.ReservationEventsTopic}.dlt", new Partition(0), Offset.Beginning));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Key: var seen } && seen == key)
            {
                return seen;
            }
        }

        throw new TimeoutException($"No dead letter with key {key}.");
    });

    public void Dispose() => _bookings.Dispose();
}
