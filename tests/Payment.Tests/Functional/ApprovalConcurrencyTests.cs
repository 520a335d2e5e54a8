using System.Net;
using Accommodation.Testing;

namespace Accommodation.Payments.Tests.Functional;

/// <summary>One replica approves a bounded number of payments at once, so capacity grows with replicas.</summary>
[Collection(nameof(PaymentApiCollection))]
public sealed class ApprovalConcurrencyTests(PaymentApiFactory factory)
{
    [Fact]
    public async Task Beyond_the_replicas_limit_and_queue_a_payment_is_refused_503_busy_with_retry_after_and_nothing_is_charged()
    {
        await using var oneAtATime = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Payment:MaxConcurrentApprovals", "2");
            builder.UseSetting("Payment:ApprovalQueueLimit", "1");
            builder.UseSetting("Payment:Gateway:Latency", "00:00:01");
            builder.UseSetting("Payment:Gateway:LatencyJitter", "00:00:00");
        });
        var client = oneAtATime.CreateReservationClient();
        var reservations = Enumerable.Range(0, 5).Select(_ => PaymentScenarios.NewReservationNumber()).ToList();

        var responses = await Task.WhenAll(reservations.Select(number => client.PayAsync(number)));

        Assert.Equal(3, responses.Count(response => response.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(response => response.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(2, refused.Count);
        foreach (var response in refused)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, 503);
            Assert.Equal("Payment busy.", problem.GetProperty("title").GetString());
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }

        var charged = await Task.WhenAll(reservations.Select(factory.PaymentCountAsync));
        Assert.Equal(3, charged.Sum());
        Assert.Equal(2, charged.Count(count => count == 0));
    }
}
