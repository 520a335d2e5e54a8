using Accommodation.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Accommodation.Payments.Tests.Functional;

/// <summary>Clients of a payment service under test, each carrying the token of one kind of caller.</summary>
internal static class PaymentClients
{
    /// <summary>The client whose client-credentials token may charge (scope <c>payment.pay</c>).</summary>
    public const string Reservation = "reservation";

    public static HttpClient CreateClient(this WebApplicationFactory<Program> factory, string token) =>
        factory.CreateClient().UseBearer(token);

    /// <summary>Reservation's client credentials: charges, and reads nothing.</summary>
    public static HttpClient CreateReservationClient(this WebApplicationFactory<Program> factory) =>
        factory.CreateClient(ServiceToken(Reservation));

    /// <summary>A manager: reads every customer's payments, charges nothing.</summary>
    public static HttpClient CreateManagerClient(this WebApplicationFactory<Program> factory) =>
        factory.CreateClient(TestTokens.Manager(PaymentApiFactory.Audience));

    /// <summary>A customer signed in as <paramref name="customerId"/>: reads their own payments only.</summary>
    public static HttpClient CreateCustomerClient(this WebApplicationFactory<Program> factory, string customerId) =>
        factory.CreateClient(TestTokens.Customer(customerId, PaymentApiFactory.Audience));

    /// <summary>A client-credentials token of <paramref name="clientId"/> that may charge.</summary>
    public static string ServiceToken(string clientId) =>
        TestTokens.Service(clientId, PaymentApiFactory.Audience, AccessPolicies.PaymentPay);
}
