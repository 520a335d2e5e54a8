using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure;
using Accommodation.Payments.Api.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Accommodation.Payments.Tests.Functional;

/// <summary>The key's lease against real PostgreSQL, with a clock the test moves.</summary>
[Collection(nameof(PaymentApiCollection))]
public sealed class IdempotencyStoreTests(PaymentApiFactory factory)
{
    private const string Fingerprint = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_request_whose_key_was_taken_over_stores_nothing_and_the_one_that_took_it_over_completes()
    {
        var key = new IdempotencyKey(PaymentClients.Reservation, $"store-test-{Guid.NewGuid():N}");
        await using var slowScope = factory.Services.CreateAsyncScope();
        await using var retryScope = factory.Services.CreateAsyncScope();
        var (slow, slowDb) = Store(slowScope);
        var (retry, _) = Store(retryScope);

        var slowClaim = Assert.IsType<IdempotencyClaim.Acquired>(await slow.ClaimAsync(key, Fingerprint, CancellationToken.None));
        Assert.IsType<IdempotencyClaim.InFlight>(await retry.ClaimAsync(key, Fingerprint, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var retryClaim = Assert.IsType<IdempotencyClaim.Acquired>(await retry.ClaimAsync(key, Fingerprint, CancellationToken.None));

        var slowPayment = NewPayment();
        Assert.False(await slow.CompleteAsync(slowClaim.Record, new RecordedResponse(201, "application/json", "{\"slow\":1}", null), slowPayment, CancellationToken.None));
        Assert.True(await retry.CompleteAsync(retryClaim.Record, new RecordedResponse(201, "application/json", "{\"retry\":1}", null), null, CancellationToken.None));

        Assert.False(await slowDb.Payments.AnyAsync(payment => payment.Id == slowPayment.Id));
        Assert.Equal("{\"retry\":1}", (await slow.FindResponseAsync(key, CancellationToken.None))?.Body);
        var replay = Assert.IsType<IdempotencyClaim.Completed>(await slow.ClaimAsync(key, Fingerprint, CancellationToken.None));
        Assert.Equal("{\"retry\":1}", replay.Response.Body);
    }

    [Fact]
    public async Task Of_two_requests_taking_over_an_abandoned_key_only_one_gets_it()
    {
        var key = new IdempotencyKey(PaymentClients.Reservation, $"store-test-{Guid.NewGuid():N}");
        await using var crashedScope = factory.Services.CreateAsyncScope();
        await Store(crashedScope).Store.ClaimAsync(key, Fingerprint, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await Store(scope).Store.ClaimAsync(key, Fingerprint, CancellationToken.None);
        }));

        Assert.Single(claims, claim => claim is IdempotencyClaim.Acquired);
        Assert.All(claims.Where(claim => claim is not IdempotencyClaim.Acquired), claim => Assert.IsType<IdempotencyClaim.InFlight>(claim));
    }

    private (IdempotencyStore Store, PaymentDbContext Db) Store(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<PaymentDbContext>();
        return (new IdempotencyStore(db, _clock, Options.Create(new IdempotencyOptions())), db);
    }

    private static Payment NewPayment() =>
        Payment.Approve(PaymentScenarios.NewReservationNumber(), "customer", 1_000m, "sim_test", DateTimeOffset.UtcNow);
}
