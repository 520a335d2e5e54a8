using System.Net;
using System.Net.Http.Headers;

namespace Accommodation.Reservations.Infrastructure.Payments;

/// <summary>
/// Sends every payment request with reservation's access token (<see cref="PaymentAccessTokens"/>). When payment
/// answers 401 (the token was revoked, or identity's keys changed), the token is dropped and the request sent once
/// more with a fresh one; payment did nothing with the refused request, and its idempotency key keeps the retry safe.
/// </summary>
internal sealed class PaymentAccessTokenHandler(PaymentAccessTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Forget(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
