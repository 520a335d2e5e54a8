using System.Net.Http.Headers;

namespace Accommodation.LoadTests.Access;

/// <summary>
/// Puts a bearer token on every request: the customer's a request names with <see cref="ForCustomer"/>, else
/// <paramref name="customerId"/>'s, else the load-test client's own (which registers rooms and reads as a manager).
/// </summary>
public sealed class BearerTokenHandler(AccessTokens tokens, string? customerId = null) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<string> Customer = new("accommodation.customer");

    /// <summary>Marks <paramref name="request"/> as sent by <paramref name="customer"/>.</summary>
    public static HttpRequestMessage ForCustomer(HttpRequestMessage request, string customer)
    {
        request.Options.Set(Customer, customer);
        return request;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var customer = request.Options.TryGetValue(Customer, out var named) ? named : customerId;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(customer, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
