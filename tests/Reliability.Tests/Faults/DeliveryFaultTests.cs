using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Accommodation.Messaging;
using Confluent.Kafka;
using Reliability.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Reliability.Tests.Faults;

/// <summary>
/// Faults 4, 9 and 10 of issue 5, on the way in: the same event delivered three times (two copies at once, to both
/// replicas of a consumer), poison events, and events of one reservation arriving newest first — published straight
/// onto the running system's broker, with every consumer a real process.
/// </summary>
public sealed partial class DeliveryFaultTests(ReliabilitySystem system, ReliabilityLedger ledger, ITestOutputHelper output)
    : ReliabilityTests(system, ledger, output)
{
    private const string Topic = DeliveryReservation.Topic;
    private const string DeadLetterTopic = "reservation-events.dlt";

    // As the AppHost creates reservation-events.
    private const int Partitions = 4;

    // Messaging:Consumer:MaxAttempts as the services run it: the default, which the AppHost leaves alone.
    private const int MaxAttempts = 3;

    // A redelivery comes after a retry backoff (at most 5 s) or a rebalance: a duplicate would show within this.
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    private static readonly byte[] NotJson = "{ this is not JSON"u8.ToArray();

    [Fact]
    public async Task One_event_delivered_three_times_two_copies_at_once_gives_one_notice_one_room_record_and_one_view_update()
    {
        var probe = await Running.ProbeAsync();
        var room = await Client.RegisterRoomAsync(70_000m);
        var reservation = DeliveryReservation.New(Client.Customer, room, BookingClient.Today().AddDays(60));
        var placed = reservation.Placed();
        await using var view = await DeliveryViewStream.OpenAsync(Client.Gateway, Client.Customer);
        using var publisher = probe.Publisher();

        await placed.PublishAsync(publisher);
        var byKey = (await CopiesAsync(probe, placed.Id)).Single().Partition;
        // Three partitions of four: each replica of notification and of roomview owns at least one, so both work on copies.
        var others = Enumerable.Range(0, Partitions).Where(partition => partition != byKey).Take(2).ToList();
        await Task.WhenAll(others.Select(partition => placed.PublishAsync(publisher, partition)));
        Ledger.FaultInjected(2);
        var copies = await CopiesAsync(probe, placed.Id);
        Assert.Equal(others.Append(byKey).Order(), copies.Select(copy => copy.Partition).Order());
        TestOutput.WriteLine($"event {placed.Id}: copies on partitions {string.Join(", ", copies.Select(copy => $"{copy.Partition}@{copy.Offset}"))}");

        await Eventually.GetJsonAsync(Client.Gateway, Client.Notices(reservation.Number), notices => notices.GetProperty("count").GetInt64() > 0);
        await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(reservation.Number), _ => true);
        await WaitUntilAsync(async () => await RoomNightsHeldAsync(probe, reservation.Number) > 0, "room to hold the nights");
        await Task.Delay(SettleTime);

        var notices = await ReadAsync(Client.Notices(reservation.Number));
        var mine = await ReadAsync(Client.MyReservations());
        var effects = new Dictionary<string, int>
        {
            ["notice (API)"] = notices.GetProperty("data").EnumerateArray().Count(notice => notice.GetProperty("kind").GetString() == "ReservationPlaced"),
            ["notice (notificationdb)"] = (int)await probe.CountAsync("notificationdb", "SELECT count(*) FROM notices WHERE event_id = $1", placed.Id),
            ["view entry"] = mine.EnumerateArray().Count(entry => entry.GetProperty("reservationNumber").GetString() == reservation.Number),
            ["view update (stream)"] = view.UpdatesOf(reservation.Number),
            ["room record"] = (int)await probe.CountAsync("roomdb", "SELECT count(*) FROM room_reservations WHERE reservation_number = $1", reservation.Number),
        };
        RecordEffects(effects);
        Assert.Equal(2, await RoomNightsHeldAsync(probe, reservation.Number));
    }

    [Fact]
    public async Task A_payload_that_is_not_json_is_dead_lettered_by_every_subscribed_group_and_the_next_event_of_its_key_still_has_its_effect()
    {
        var probe = await Running.ProbeAsync();
        var room = await Client.RegisterRoomAsync(70_000m);
        var reservation = DeliveryReservation.New(Client.Customer, room, BookingClient.Today().AddDays(62));

        var poisonId = await PublishNotJsonAsync(probe, reservation.Number);

        // Every group subscribed to ReservationPlaced fails to read it; a JsonException is dead-lettered without retries.
        var (poison, deadLetters) = await PoisonThenValidEventAsync(probe, reservation, poisonId, ["notification", "room", "roomview"]);
        Assert.All(deadLetters, deadLetter => Assert.Equal(typeof(JsonException).FullName, deadLetter.Headers[MessageHeaders.DeadLetterExceptionType]));
        Assert.All(deadLetters, deadLetter => Assert.Equal(NotJson, deadLetter.Value));
        TestOutput.WriteLine($"poison {poison.Partition}@{poison.Offset} dead-lettered by {string.Join(", ", deadLetters.Select(Group))}");
    }

    [Fact]
    public async Task An_event_its_handlers_refuse_is_retried_max_attempts_times_then_dead_lettered_by_each_refusing_group_and_the_next_event_of_its_key_still_has_its_effect()
    {
        var probe = await Running.ProbeAsync();
        var room = await Client.RegisterRoomAsync(70_000m);
        var reservation = DeliveryReservation.New(Client.Customer, room, BookingClient.Today().AddDays(64));
        // A stay that ends before it begins: room and roomview refuse it every time; notification only words a notice.
        var impossible = (reservation with { CheckOut = reservation.CheckIn.AddDays(-1) }).Placed();
        using (var publisher = probe.Publisher())
        {
            await impossible.PublishAsync(publisher);
        }

        var (_, deadLetters) = await PoisonThenValidEventAsync(probe, reservation, impossible.Id, ["room", "roomview"]);
        Assert.Equal(
            ["room: Accommodation.Rooms.Api.Domain.RoomDomainException", "roomview: System.InvalidOperationException"],
            deadLetters.Select(deadLetter => $"{Group(deadLetter)}: {deadLetter.Headers[MessageHeaders.DeadLetterExceptionType]}").Order());

        // Bounded retries: each refusing service tried MaxAttempts times, logging every retry and then giving up.
        var failures = HandlingFailures(impossible.Id);
        foreach (var service in (string[])["room", "roomview"])
        {
            Assert.Equal(
                [.. Enumerable.Range(1, MaxAttempts - 1).Select(attempt => $"attempt {attempt}, retrying"), $"attempt {MaxAttempts}, dead-lettered"],
                failures.Where(failure => failure.Service == service).Select(failure => failure.Outcome));
        }

        Assert.DoesNotContain(failures, failure => failure.Service == "notification");
        Assert.Equal(1, await probe.CountAsync("notificationdb", "SELECT count(*) FROM notices WHERE event_id = $1", impossible.Id));
    }

    [Fact]
    public async Task Events_of_one_reservation_arriving_newest_first_leave_the_view_cancelled_the_nights_free_and_one_notice_per_event_in_arrival_order()
    {
        var probe = await Running.ProbeAsync();
        var room = await Client.RegisterRoomAsync(80_000m);
        var reservation = DeliveryReservation.New(Client.Customer, room, BookingClient.Today().AddDays(70));
        // A real charge, so payment refunds the cancellation as it would a real reservation's.
        var paymentId = await ChargeAsync(reservation);
        DeliveryEvent[] newestFirst = [reservation.Cancelled(paymentId), reservation.Confirmed(paymentId), reservation.Placed()];
        using (var publisher = probe.Publisher())
        {
            // By key, one after another: one partition, so every consumer gets them in exactly this order.
            foreach (var @event in newestFirst)
            {
                await @event.PublishAsync(publisher);
            }
        }

        Ledger.FaultInjected(2);

        // The end state counts only once every consumer has handled all three.
        var ids = newestFirst.Select(@event => @event.Id).ToArray();
        await WaitUntilAsync(async () => await probe.CountAsync("roomdb",
            "SELECT count(*) FROM inbox_messages WHERE consumer = 'room' AND event_id = ANY($1)", ids) == 3, "room to handle all three events");
        await WaitUntilAsync(async () => await probe.CountAsync("notificationdb",
            "SELECT count(*) FROM inbox_messages WHERE event_id = ANY($1)", ids) == 3, "notification to handle all three events");
        await WaitUntilAsync(() => RoomViewHandledAsync(probe, ids), "roomview to handle all three events");
        await WaitUntilAsync(async () => await probe.CountAsync("paymentdb",
            "SELECT count(*) FROM payments WHERE id = $1 AND status = 'Refunded' AND refunded_amount = amount", paymentId) == 1, "payment to refund in full");

        var view = await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(reservation.Number),
            entry => BookingClient.PaymentStatus(entry) == "Refunded");
        Assert.Equal(("Cancelled", 3), (view.GetProperty("status").GetString(), view.GetProperty("version").GetInt32()));
        var roomCopy = (await probe.QueryAsync("roomdb",
            "SELECT status, version FROM room_reservations WHERE reservation_number = $1", reservation.Number)).Single();
        Assert.Equal(("Cancelled", 3), ((string)roomCopy["status"]!, (int)roomCopy["version"]!));
        Assert.Equal(0, await RoomNightsHeldAsync(probe, reservation.Number));
        Assert.True(BookingClient.AllNights(await ReadAsync(BookingClient.Nights(room, reservation.CheckIn, reservation.CheckOut)), "Available"),
            "room shows a night of the cancelled reservation as taken");
        await Eventually.GetJsonAsync(Client.Gateway, $"/api/v1/roominfos/{room}", _ => true);
        Assert.True(BookingClient.AllNights(await ReadAsync(string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/roominfos/{room}/availability?from={reservation.CheckIn:yyyy-MM-dd}&to={reservation.CheckOut:yyyy-MM-dd}")), "Available"),
            "roomview shows a night of the cancelled reservation as taken");

        // Notification keeps no versions: every event is one notice, sent in the order the events came.
        string[] kinds = ["ReservationCancelled", "ReservationConfirmed", "ReservationPlaced", "PaymentApproved", "PaymentRefunded"];
        await Eventually.GetJsonAsync(Client.Gateway, Client.Notices(reservation.Number), notices => notices.GetProperty("count").GetInt64() >= kinds.Length);
        await Task.Delay(SettleTime);
        var notices = (await ReadAsync(Client.Notices(reservation.Number))).GetProperty("data").EnumerateArray().ToList();
        RecordEffects(kinds.ToDictionary(kind => $"{kind} notice", kind => notices.Count(notice => notice.GetProperty("kind").GetString() == kind)));
        var reservationNotices = notices
            .Where(notice => notice.GetProperty("kind").GetString()!.StartsWith("Reservation", StringComparison.Ordinal))
            .OrderBy(notice => notice.GetProperty("createdAt").GetDateTimeOffset())
            .Select(notice => notice.GetProperty("kind").GetString());
        Assert.Equal(["ReservationCancelled", "ReservationConfirmed", "ReservationPlaced"], reservationNotices);
    }

    /// <summary>
    /// Publishes a valid ReservationPlaced with the poison's key right behind it, waits until every group in
    /// <paramref name="groups"/> dead-lettered the poison (and no more did), checks each dead letter names its origin,
    /// then that the valid event has its effect in room, roomview and notification.
    /// </summary>
    private async Task<(TopicMessage Poison, IReadOnlyList<TopicMessage> DeadLetters)> PoisonThenValidEventAsync(
        SystemProbe probe, DeliveryReservation reservation, Guid poisonId, string[] groups)
    {
        var valid = reservation.Placed();
        using (var publisher = probe.Publisher())
        {
            await valid.PublishAsync(publisher);
        }

        Ledger.FaultInjected();
        var poison = (await CopiesAsync(probe, poisonId)).Single();
        Assert.Equal(poison.Partition, (await CopiesAsync(probe, valid.Id)).Single().Partition);

        await WaitUntilAsync(async () => (await DeadLettersAsync(probe, poisonId)).Count >= groups.Length, $"{string.Join(", ", groups)} to dead-letter the poison");
        await Task.Delay(SettleTime);
        var deadLetters = await DeadLettersAsync(probe, poisonId);
        var lostDeadLetters = groups.Except(deadLetters.Select(Group)).Count();
        Ledger.Effects(lostDeadLetters, duplicated: deadLetters.Count - (groups.Length - lostDeadLetters));
        Assert.Equal(groups, deadLetters.Select(Group).Order());
        foreach (var deadLetter in deadLetters)
        {
            Assert.Equal(
                (Topic, poison.Partition.ToString(CultureInfo.InvariantCulture), poison.Offset.ToString(CultureInfo.InvariantCulture), reservation.Number),
                (deadLetter.Headers[MessageHeaders.DeadLetterOriginalTopic], deadLetter.Headers[MessageHeaders.DeadLetterOriginalPartition],
                    deadLetter.Headers[MessageHeaders.DeadLetterOriginalOffset], deadLetter.Key));
        }

        // Behind the poison on its partition, the valid event still reaches every consumer.
        await WaitUntilAsync(async () => await RoomNightsHeldAsync(probe, reservation.Number) == 2, "room to hold the valid event's nights");
        await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(reservation.Number), _ => true);
        var view = await ReadAsync(Client.MyReservation(reservation.Number));
        await WaitUntilAsync(async () => await probe.CountAsync("notificationdb", "SELECT count(*) FROM notices WHERE event_id = $1", valid.Id) == 1,
            "notification to record the valid event's notice");
        Assert.Equal(("Held", 1, reservation.CheckOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (view.GetProperty("status").GetString(), view.GetProperty("version").GetInt32(), view.GetProperty("checkOut").GetString()));
        return (poison, deadLetters);
    }

    private static async Task<Guid> PublishNotJsonAsync(SystemProbe probe, string key)
    {
        var id = Guid.CreateVersion7();
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = probe.Kafka }).Build();
        await producer.ProduceAsync(Topic, new Message<string, byte[]>
        {
            Key = key,
            Value = NotJson,
            Headers = new Headers
            {
                { MessageHeaders.EventType, Encoding.UTF8.GetBytes("ReservationPlacedIntegrationEvent") },
                { MessageHeaders.EventId, Encoding.UTF8.GetBytes(id.ToString()) },
            },
        });
        return id;
    }

    /// <summary>
    /// Charges the reservation at payment as reservation would: straight to payment (the gateway has no route for it),
    /// with reservation's client-credentials token and its idempotency key. Returns the payment id.
    /// </summary>
    private async Task<Guid> ChargeAsync(DeliveryReservation reservation)
    {
        using var payment = new HttpClient { BaseAddress = new Uri((await Resources.GetAsync("payment")).GetProperty("url").GetString()!) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments")
        {
            Content = JsonContent.Create(new { reservationNumber = reservation.Number, customerId = reservation.CustomerId, amount = reservation.TotalPrice }),
        };
        request.Headers.Add("Idempotency-Key", $"reservation-{reservation.Number}-1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await ReservationTokenAsync());
        using var response = await payment.SendAsync(request);
        Ledger.RequestsSent(1, (int)response.StatusCode >= 500 ? 1 : 0);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"payment answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetGuid();
    }

    /// <summary>The token reservation charges with (Development's client secret), from identity through the gateway.</summary>
    private async Task<string> ReservationTokenAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "reservation",
            ["client_secret"] = "reservation-dev-secret",
            ["scope"] = "payment.pay",
        });
        using var response = await Running.Anonymous.PostAsync("/connect/token", form);
        Assert.True(response.IsSuccessStatusCode, $"identity answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task<IReadOnlyList<TopicMessage>> CopiesAsync(SystemProbe probe, Guid eventId) =>
        [.. (await probe.ReadTopicAsync(Topic)).Where(message => message.EventId == eventId.ToString())];

    private static async Task<IReadOnlyList<TopicMessage>> DeadLettersAsync(SystemProbe probe, Guid eventId) =>
        [.. (await probe.ReadTopicAsync(DeadLetterTopic)).Where(message => message.EventId == eventId.ToString())];

    private static string Group(TopicMessage deadLetter) => deadLetter.Headers[MessageHeaders.DeadLetterConsumerGroup];

    private static Task<long> RoomNightsHeldAsync(SystemProbe probe, string reservationNumber) =>
        probe.CountAsync("roomdb", "SELECT count(*) FROM room_nights WHERE reservation_number = $1", reservationNumber);

    // Roomview marks each event it handled in Redis (applied, stale or not), next to the view it keeps.
    private static async Task<bool> RoomViewHandledAsync(SystemProbe probe, Guid[] eventIds)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(probe.Redis);
        var markers = eventIds.Select(id => (RedisKey)$"reservation:event:{id:N}").ToArray();
        return await redis.GetDatabase().KeyExistsAsync(markers) == eventIds.Length;
    }

    /// <summary>What the services logged about failing to handle the event: service, and which attempt ended how.</summary>
    private IReadOnlyList<(string Service, string Outcome)> HandlingFailures(Guid eventId) =>
    [
        .. Running.Output.Split(Environment.NewLine)
            .Select(line => HandlingFailureLine().Match(line))
            .Where(match => match.Success && match.Groups["id"].Value == eventId.ToString())
            .Select(match => (match.Groups["service"].Value, match.Groups["retry"].Success
                ? $"attempt {match.Groups["retry"].Value}, retrying"
                : $"attempt {match.Groups["gaveUp"].Value}, dead-lettered")),
    ];

    private async Task<JsonElement> ReadAsync(string path)
    {
        using var response = await Client.Gateway.GetAsync(path);
        Ledger.RequestsSent(1, (int)response.StatusCode >= 500 ? 1 : 0);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Each effect is expected exactly once: fewer is lost, more is duplicated; the ledger gets both, the test fails on either.</summary>
    private void RecordEffects(IReadOnlyDictionary<string, int> effects)
    {
        TestOutput.WriteLine(string.Join(", ", effects.Select(effect => $"{effect.Key}: {effect.Value}")));
        var lost = effects.Where(effect => effect.Value < 1).Select(effect => effect.Key).ToList();
        var duplicated = effects.Where(effect => effect.Value > 1).Select(effect => $"{effect.Key} ×{effect.Value}").ToList();
        Ledger.Effects(lost.Count, effects.Values.Sum(count => Math.Max(0, count - 1)));
        Assert.True(lost.Count == 0, $"lost: {string.Join(", ", lost)}");
        Assert.True(duplicated.Count == 0, $"duplicated: {string.Join(", ", duplicated)}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Waited 30 s for {what}.");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"^(?<service>[a-z]+)(?:-\d+)?\s*\|.*Handling \w+ (?<id>[0-9a-f-]{36}) from reservation-events failed (?:\(attempt (?<retry>\d+)\); retrying|(?<gaveUp>\d+) times; dead-lettering it)")]
    private static partial Regex HandlingFailureLine();
}
