using System.Net.Http.Json;

namespace Accommodation.Payments.Tests.Functional;

internal static class PaymentScenarios
{
    /// <summary>A reservation number no other test uses, shaped like reservation's (R-yyyyMMdd-XXXXXX).</summary>
    public static string NewReservationNumber() => $"R-20261224-{Guid.NewGuid():N}"[..24].ToUpperInvariant();

    public static string KeyFor(string reservationNumber) => $"reservation-{reservationNumber}";

    public static Task<HttpResponseMessage> PayAsync(
        this HttpClient client, string reservationNumber, decimal amount = 240_000m, string customerId = "customer-9805", string? key = null) =>
        client.SendAsync(PayRequest(key ?? KeyFor(reservationNumber), JsonContent.Create(new { reservationNumber, customerId, amount })));

    public static HttpRequestMessage PayRequest(string? idempotencyKey, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}
