using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Faults;

/// <summary>
/// Faults 13 and 14 of issue 5: payment stopped or slower than reservation's attempt timeout (the breaker and the
/// pay-later fallback), and unpaid holds expiring while their payments are under way. The truth is read from
/// reservationdb and paymentdb: confirmed means charged once for its amount; anything else means not charged.
/// </summary>
public sealed class PaymentFaultTests : ReliabilityTests, IDisposable
{
    // Reservation's TotalRequestTimeout (2 s) bounds a pay-later answer; the rest is the gateway hop on a busy machine.
    private static readonly TimeSpan PayLaterBound = TimeSpan.FromSeconds(3);

    // Settings the tests change, as the services' appsettings have them: put back after each test.
    private static readonly Dictionary<string, string> PaymentAsConfigured = new()
    {
        ["Payment__Gateway__Latency"] = "00:00:00.400",
        ["Payment__Gateway__LatencyJitter"] = "00:00:00.220",
    };

    private static readonly Dictionary<string, string> ReservationAsConfigured = new()
    {
        ["Reservation__HoldTime"] = "00:15:00",
        ["Reservation__HoldExpiryScanInterval"] = "00:00:05",
        ["Reservation__PaymentResilience__CircuitBreaker__MinimumThroughput"] = "20",
    };

    private static readonly Dictionary<string, string> ReservationRacingExpiry = new()
    {
        ["Reservation__HoldTime"] = "00:00:05",
        ["Reservation__HoldExpiryScanInterval"] = "00:00:00.500",
        ["Reservation__PaymentResilience__CircuitBreaker__MinimumThroughput"] = "100000",
    };

    private readonly PaymentAnswerLog _answers = new();
    private readonly BookingClient _customer;

    public PaymentFaultTests(ReliabilitySystem system, ReliabilityLedger ledger, ITestOutputHelper output)
        : base(system, ledger, output)
    {
        _customer = new BookingClient(system, connection: _answers);
    }

    [Fact]
    public async Task With_payment_stopped_paying_answers_pay_later_within_the_request_timeout_the_breaker_opens_nothing_is_confirmed_and_once_payment_is_back_paying_confirms()
    {
        var probe = await Running.ProbeAsync();
        var numbers = await ReserveAsync(count: 4, firstNight: BookingClient.Today().AddDays(90));
        var answers = new List<PayAnswer>();

        await Resources.CommandAsync("payment", "stop");
        Ledger.FaultInjected();
        try
        {
            // Four at once, each an attempt and a retry: the breaker's 20 failed calls within 5 s come in a few rounds.
            for (var round = 0; round < 10 && !answers.Any(answer => answer.CircuitOpen); round++)
            {
                answers.AddRange(await Task.WhenAll(numbers.Select(PayOnceAsync)));
            }

            // With the circuit open, pay later comes without asking payment.
            answers.AddRange(await Task.WhenAll(numbers.Select(PayOnceAsync)));
            Report("payment stopped", answers);
            AssertPayLater(answers);
            Assert.Contains(answers, answer => answer.CircuitOpen);
            var records = await PaymentRecord.ReadAsync(probe, numbers);
            Assert.All(records, record => Assert.Equal(("Held", 0), (record.Status, record.Payments.Count)));
        }
        finally
        {
            await Resources.EnsureRunningAsync("payment");
        }

        // The customer pays again, as Retry-After says, until the breaker lets payment be asked again.
        var backAfter = Stopwatch.StartNew();
        foreach (var number in numbers)
        {
            Assert.Equal("Confirmed", (await _customer.PayAsync(number)).GetProperty("status").GetString());
        }

        TestOutput.WriteLine($"payment back: all {numbers.Count} confirmed {backAfter.Elapsed.TotalSeconds:0.0} s after it was healthy");
        await AssertConfirmedAndChargedOnceAsync(probe, numbers);
    }

    [Fact]
    public async Task With_payment_slower_than_the_attempt_timeout_paying_answers_pay_later_nothing_is_confirmed_unpaid_and_once_it_is_fast_again_paying_confirms()
    {
        var probe = await Running.ProbeAsync();
        var firstNight = BookingClient.Today().AddDays(100);
        var numbers = await ReserveAsync(count: 6, firstNight);

        await RedeployAsync("payment", new() { ["Payment__Gateway__Latency"] = "00:00:02", ["Payment__Gateway__LatencyJitter"] = "00:00:00" });
        Ledger.FaultInjected();
        try
        {
            // Each attempt is abandoned at 610 ms; its retry with the same key finds the charge still in flight (409).
            var slow = await Task.WhenAll(numbers.Select(PayOnceAsync));
            Report("payment slow (2 s)", slow);
            AssertPayLater(slow);
            await AssertNothingConfirmedUnpaidAsync(probe, numbers);
            Assert.All(await PaymentRecord.ReadAsync(probe, numbers), record => Assert.Equal("Held", record.Status));

            // The abandoned attempts still finish at payment: the customer heard "later" and is charged meanwhile.
            Assert.True(await EventuallyAsync(async () => await PaymentRecord.InFlightAsync(probe, numbers) == 0, TimeSpan.FromSeconds(30)),
                "payment did not finish the abandoned attempts within 30 s");
            var charged = (await PaymentRecord.ReadAsync(probe, numbers)).Count(record => record.Payments.Count == 1);
            TestOutput.WriteLine($"{charged} of {numbers.Count} charged by attempts reservation had abandoned, while still held");
            await AssertNothingConfirmedUnpaidAsync(probe, numbers);

            // Paying again asks with the same key and gets the stored answer: confirmed at once, slow payment or not.
            var replayed = await Task.WhenAll(numbers.Take(numbers.Count / 2).Select(PayOnceAsync));
            Report("paid again, payment still slow", replayed);
            Assert.All(replayed, answer => Assert.True(answer.Status == 200, $"{answer}"));
        }
        finally
        {
            await RedeployAsync("payment", PaymentAsConfigured);
        }

        // Once payment is fast again the rest pay as usual, and so does a new reservation, charged from scratch.
        var fresh = await ReserveAsync(count: 1, firstNight.AddDays(numbers.Count));
        foreach (var number in numbers.Skip(numbers.Count / 2).Concat(fresh))
        {
            Assert.Equal("Confirmed", (await _customer.PayAsync(number)).GetProperty("status").GetString());
        }

        await AssertConfirmedAndChargedOnceAsync(probe, [.. numbers, .. fresh]);
    }

    [Fact]
    public async Task Payments_racing_the_expiry_of_their_holds_end_either_confirmed_and_charged_once_or_expired_and_not_charged_never_both()
    {
        const int Reservations = 30;
        var probe = await Running.ProbeAsync();
        var room = await _customer.RegisterRoomAsync(40_000m);
        var firstNight = BookingClient.Today().AddDays(120);
        var numbers = new ConcurrentBag<string>();

        // Holds of 5 s, expired within half a second of running out; payment answers in 0.1 to 1.5 s, so many charges
        // finish around the moment their hold runs out. The breaker is fault 13's subject: here it would only turn a
        // burst of slow payments into pay-later answers and hide the race.
        await Task.WhenAll(
            RedeployAsync("reservation", ReservationRacingExpiry),
            RedeployAsync("payment", new() { ["Payment__Gateway__Latency"] = "00:00:00.800", ["Payment__Gateway__LatencyJitter"] = "00:00:00.700" }));
        Ledger.FaultInjected();
        try
        {
            var races = await Task.WhenAll(Enumerable.Range(0, Reservations).Select(async index =>
            {
                // Staggered, so the charges stay within what one payment replica takes at once (8, then a queue).
                await Task.Delay(TimeSpan.FromMilliseconds(250 * index));
                var reserved = await _customer.ReserveAsync(room, firstNight.AddDays(index), firstNight.AddDays(index + 1));
                var number = reserved.GetProperty("number").GetString()!;
                numbers.Add(number);
                // First paid from 3.5 s before the hold runs out to 0.5 s after it, spread evenly.
                var expiresAt = reserved.GetProperty("holdExpiresAt").GetDateTimeOffset();
                await DelayUntilAsync(expiresAt + TimeSpan.FromSeconds(-3.5 + (4.0 * index / (Reservations - 1))));
                var tries = new List<PayAnswer> { await PayOnceAsync(number, expiresAt) };
                // Told to pay later, the customer pays again at once, until confirmed or the hold has run out (409).
                while (tries[^1].IsPayLater)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(300));
                    tries.Add(await PayOnceAsync(number, expiresAt));
                }

                TestOutput.WriteLine($"{number}: {string.Join(" → ", tries.Select(answer => answer.Brief))}");
                return tries;
            }));
            var answers = races.SelectMany(tries => tries).ToList();
            Report("pay around expiry", answers, eachAnswer: false);
            Assert.All(answers, answer => Assert.True(answer.Status is 200 or 409 || answer.IsPayLater, $"{answer}"));

            // Every hold ends (paid, or expired by the scan); abandoned attempts finish; expiry refunds come through events.
            Assert.True(await EventuallyAsync(async () => (await PaymentRecord.ReadAsync(probe, numbers)).All(record => record.Status != "Held")
                && await PaymentRecord.InFlightAsync(probe, numbers) == 0, TimeSpan.FromSeconds(30)), "holds or payment attempts still open after 30 s");
            // Refunds come through events; whatever is still wrong after this is named by the check below.
            await EventuallyAsync(async () => (await PaymentRecord.ReadAsync(probe, numbers)).All(record => record.Problem() is null), TimeSpan.FromSeconds(20));
        }
        finally
        {
            await Task.WhenAll(RedeployAsync("reservation", ReservationAsConfigured), RedeployAsync("payment", PaymentAsConfigured));
        }

        var records = await PaymentRecord.ReadAsync(probe, numbers);
        var confirmed = records.Count(record => record.Status == "Confirmed");
        var expiredRefunded = records.Count(record => record.Status == "Expired" && record.Payments.Count > 0 && record.NotCharged);
        var expiredUncharged = records.Count(record => record.Status == "Expired" && record.Payments.Count == 0);
        TestOutput.WriteLine($"race: {confirmed} confirmed and charged, {expiredUncharged} expired never charged, "
            + $"{expiredRefunded} expired with their charge refunded in full, of {records.Count}");
        RecordEffects(records);
        Assert.True(confirmed > 0 && expiredUncharged + expiredRefunded > 0, "the race was not exercised: every payment ended the same way");
    }

    public new void Dispose()
    {
        Ledger.RequestsSent(_answers.Answers, _answers.ServerErrors);
        TestOutput.WriteLine($"requests: {_answers.Answers} answered, {_answers.PayLater} pay-later 503s (documented), {_answers.ServerErrors} other 5xx");
        _customer.Gateway.Dispose();
        _answers.Dispose();
        base.Dispose();
    }

    private async Task<IReadOnlyList<string>> ReserveAsync(int count, DateOnly firstNight)
    {
        var room = await _customer.RegisterRoomAsync(60_000m);
        var numbers = new List<string>();
        for (var index = 0; index < count; index++)
        {
            var reserved = await _customer.ReserveAsync(room, firstNight.AddDays(index), firstNight.AddDays(index + 1));
            numbers.Add(reserved.GetProperty("number").GetString()!);
        }

        return numbers;
    }

    private static async Task DelayUntilAsync(DateTimeOffset moment)
    {
        if (moment - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait);
        }
    }

    private Task<PayAnswer> PayOnceAsync(string number) => PayOnceAsync(number, expiresAt: null);

    private async Task<PayAnswer> PayOnceAsync(string number, DateTimeOffset? expiresAt)
    {
        var sentSinceExpiry = DateTimeOffset.UtcNow - expiresAt;
        var clock = Stopwatch.StartNew();
        using var response = await _customer.Gateway.PostAsync($"/api/v1/reservations/{number}/pay", content: null);
        var latency = clock.Elapsed;
        var text = await response.Content.ReadAsStringAsync();
        // A reservation (200) or problem details; anything else is kept as text, to be shown when a test fails.
        using var body = JsonDocument.Parse(text.StartsWith('{') ? text : "{}");
        var root = body.RootElement;
        return new PayAnswer(number, (int)response.StatusCode, latency, response.Headers.RetryAfter?.Delta,
            root.TryGetProperty("title", out var title) ? title.GetString() : null,
            root.TryGetProperty("detail", out var detail) ? detail.GetString() : root.TryGetProperty("status", out var status) ? status.ToString() : text,
            sentSinceExpiry);
    }

    private async Task RedeployAsync(string service, Dictionary<string, string> environment)
    {
        var clock = Stopwatch.StartNew();
        await Resources.CommandAsync(service, "redeploy", new { environment });
        await Resources.WaitUntilHealthyAsync(service);
        TestOutput.WriteLine($"{service} redeployed with {string.Join(", ", environment.Select(variable => $"{variable.Key}={variable.Value}"))} "
            + $"in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private void Report(string phase, IReadOnlyCollection<PayAnswer> answers, bool eachAnswer = true)
    {
        foreach (var answer in eachAnswer ? answers : [])
        {
            TestOutput.WriteLine($"{phase}: {answer}");
        }

        foreach (var kind in answers.GroupBy(answer => answer.Kind))
        {
            var latencies = kind.Select(answer => answer.Latency.TotalMilliseconds).Order().ToList();
            TestOutput.WriteLine($"{phase}: {kind.Count()} × {kind.Key}, latency median {latencies[latencies.Count / 2]:0} ms, max {latencies[^1]:0} ms");
        }
    }

    private static void AssertPayLater(IEnumerable<PayAnswer> answers) =>
        Assert.All(answers, answer => Assert.True(answer.IsPayLater && answer.Latency < PayLaterBound,
            $"expected pay later (503, Retry-After) within {PayLaterBound.TotalSeconds} s, got {answer}"));

    private static async Task AssertNothingConfirmedUnpaidAsync(SystemProbe probe, IReadOnlyCollection<string> numbers)
    {
        var problems = (await PaymentRecord.ReadAsync(probe, numbers)).Select(record => record.Problem()).OfType<string>().ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private async Task AssertConfirmedAndChargedOnceAsync(SystemProbe probe, IReadOnlyCollection<string> numbers)
    {
        var records = await PaymentRecord.ReadAsync(probe, numbers);
        RecordEffects(records);
        Assert.All(records, record => Assert.True(record.ConfirmedAndCharged, $"{record}"));
    }

    /// <summary>Lost: a confirmation without its charge. Duplicated: a second charge, or a charge kept by a reservation that ended unconfirmed.</summary>
    private void RecordEffects(IReadOnlyList<PaymentRecord> records)
    {
        Ledger.Effects(records.Sum(record => record.LostCharges), records.Sum(record => record.ExtraCharges));
        var problems = records.Select(record => record.Problem()).OfType<string>().ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>True once <paramref name="condition"/> holds, false if it still does not after <paramref name="timeout"/>.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= until)
            {
                return false;
            }

            await Task.Delay(250);
        }

        return true;
    }

    /// <summary>One answer to pay; <paramref name="SentSinceExpiry"/> is when it was asked, from the hold's end (negative: before).</summary>
    private sealed record PayAnswer(
        string Number, int Status, TimeSpan Latency, TimeSpan? RetryAfter, string? Title, string? Detail, TimeSpan? SentSinceExpiry)
    {
        public bool IsPayLater => Status == 503 && Title == PaymentAnswerLog.PayLaterTitle && RetryAfter >= TimeSpan.FromSeconds(1);

        public bool CircuitOpen => IsPayLater && Detail?.Contains("circuit open", StringComparison.Ordinal) == true;

        public string Kind => CircuitOpen ? "pay later (circuit open)" : IsPayLater ? "pay later" : Status.ToString(CultureInfo.InvariantCulture);

        public string Brief => string.Create(CultureInfo.InvariantCulture,
            $"{(CircuitOpen ? "circuit open" : IsPayLater ? "pay later" : Status)} ({SentSinceExpiry?.TotalMilliseconds:+0;-0} ms, {Latency.TotalMilliseconds:0} ms)");

        public override string ToString() =>
            $"{Number} {Status} in {Latency.TotalMilliseconds:0} ms"
            + (SentSinceExpiry is { } since ? $", sent {since.TotalMilliseconds:+0;-0} ms from expiry" : "")
            + (RetryAfter is { } after ? $", Retry-After {after.TotalSeconds:0} s" : "")
            + $": {Detail}";
    }
}
