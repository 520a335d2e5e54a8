using System.Net;
using System.Net.Http.Json;
using Accommodation.Hosting.Networking;
using Accommodation.Testing;
using Microsoft.Extensions.Logging;

namespace Accommodation.Reservations.Tests.Functional;

/// <summary>Reservation pays with its own client-credentials token (scope payment.pay), asked of identity and kept.</summary>
[Collection(nameof(ReservationApiCollection))]
public sealed class PaymentAccessTokenTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Fact]
    public async Task The_fake_payment_refuses_what_the_real_one_will()
    {
        using var payment = new HttpClient { BaseAddress = new Uri(factory.Payment.Url) };
        var reservation = $"R-TOKEN-{Guid.NewGuid():N}"[..24];

        async Task<HttpStatusCode> PayWith(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments")
            {
                Content = JsonContent.Create(new { reservationNumber = reservation, customerId = "kim", amount = 1000m }),
            };
            request.Headers.Add("Idempotency-Key", $"{reservation}-{Guid.NewGuid():N}");
            return (await payment.SendAsync(token is null ? request : request.WithBearer(token))).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PayWith(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PayWith(TestTokens.Service("reservation", "reservation", "payment.pay")));
        Assert.Equal(HttpStatusCode.Forbidden, await PayWith(TestTokens.Service("reservation", "payment")));
        Assert.Equal(HttpStatusCode.Forbidden, await PayWith(TestTokens.Customer("kim", "payment")));
        Assert.Empty(factory.Payment.CallsFor(reservation));
        Assert.Equal(HttpStatusCode.Created, await PayWith(TestTokens.Service("reservation", "payment", "payment.pay")));
    }

    [Fact]
    public async Task One_token_serves_many_payments()
    {
        var numbers = await HeldAsync(6);
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(numbers[0], "pay")).StatusCode);
        var issued = factory.Payment.TokensIssued;

        var paid = await Task.WhenAll(numbers.Skip(1).Select(number => _client.ActAsync(number, "pay")));

        Assert.All(paid, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(issued, factory.Payment.TokensIssued);
    }

    [Fact]
    public async Task A_token_payment_refuses_is_replaced_once_even_for_many_payments_at_once_and_they_go_through()
    {
        var numbers = await HeldAsync(5);
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(numbers[0], "pay")).StatusCode);
        var (issued, refused) = (factory.Payment.TokensIssued, factory.Payment.RefusedPayments);
        factory.Payment.RevokeIssuedTokens();

        var paid = await Task.WhenAll(numbers.Skip(1).Select(number => _client.ActAsync(number, "pay")));

        Assert.All(paid, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(issued + 1, factory.Payment.TokensIssued);
        Assert.True(factory.Payment.RefusedPayments > refused, "payment refused the revoked token");
        Assert.All(numbers.Skip(1), number => Assert.Single(factory.Payment.CallsFor(number)));
    }

    [Fact]
    public async Task When_identity_refuses_a_new_token_pay_answers_503_pay_later_and_the_reservation_stays_held()
    {
        var number = (await HeldAsync(1))[0];
        factory.Payment.RevokeIssuedTokens();
        factory.Payment.RefuseClients = true;
        try
        {
            var later = await _client.ActAsync(number, "pay");

            var problem = await ProblemAssert.IsProblemAsync(later, 503);
            Assert.Contains("later", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.NotNull(later.Headers.RetryAfter);
            Assert.Equal("Held", (await _client.GetReservationAsync(number)).Status());
            Assert.Empty(factory.Payment.CallsFor(number));
        }
        finally
        {
            factory.Payment.RefuseClients = false;
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(number, "pay")).StatusCode);
    }

    private async Task<string[]> HeldAsync(int count)
    {
        var room = await factory.RegisterRoomAsync();
        var numbers = new string[count];
        for (var night = 0; night < count; night++)
        {
            numbers[night] = (await _client.ReservedAsync(room, ReservationScenarios.Day(80 + night), ReservationScenarios.Day(81 + night))).Number();
        }

        return numbers;
    }
}

/// <summary>
/// A host whose identity is away until a test brings it back: its token endpoint is a port nothing listens on, until a
/// relay to the fake's token endpoint opens there. Its breaker would open after four failed payment calls.
/// </summary>
public sealed class IdentityDownFactory : ReservationApiFactory
{
    private readonly int _identityPort = FreePort.Find();
    private TcpRelay? _identity;

    protected override string TokenEndpoint => $"http://127.0.0.1:{_identityPort}/connect/token";

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Reservation:PaymentResilience:CircuitBreaker:MinimumThroughput"] = "4",
        ["Reservation:PaymentResilience:CircuitBreaker:SamplingDuration"] = "00:00:30",
    };

    public async Task BringIdentityBackAsync()
    {
        var fake = new Uri(Payment.Url);
        _identity = await TcpRelay.StartAsync(_identityPort, new DnsEndPoint(fake.Host, fake.Port));
    }

    public override async ValueTask DisposeAsync()
    {
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(nameof(IdentityDownCollection))]
public sealed class IdentityDownCollection : ICollectionFixture<IdentityDownFactory>;

[Collection(nameof(IdentityDownCollection))]
public sealed class IdentityDownTests(IdentityDownFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Fact]
    public async Task While_identity_is_down_pay_answers_503_pay_later_keeps_the_hold_and_opens_no_breaker_then_pays_once_it_is_back()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await _client.ReservedAsync(room, ReservationScenarios.Day(5), ReservationScenarios.Day(6))).Number();
        var before = factory.Logs.Entries.Count;

        // More pays than the breaker's minimum throughput: were they payment failures, the circuit would open.
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var later = await _client.ActAsync(number, "pay");

            var problem = await ProblemAssert.IsProblemAsync(later, 503);
            Assert.Contains("later", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Contains("identity", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.NotNull(later.Headers.RetryAfter);
        }

        Assert.Equal("Held", (await _client.GetReservationAsync(number)).Status());
        Assert.Equal(1, await factory.OutboxCountAsync(number));
        Assert.Empty(factory.Payment.CallsFor(number));
        Assert.DoesNotContain(factory.Logs.Entries.Skip(before), entry => entry.Level >= LogLevel.Error);

        await factory.BringIdentityBackAsync();
        var paid = await _client.ActAsync(number, "pay");

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("Confirmed", (await _client.GetReservationAsync(number)).Status());
        Assert.Single(factory.Payment.CallsFor(number));
        Assert.Equal(1, factory.Payment.TokensIssued);
    }
}
