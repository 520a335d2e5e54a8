using System.Net;

namespace Reliability.Tests.Support;

/// <summary>What the suite counts as a server error: any 5xx but the documented "unavailable, try again" (503 with Retry-After).</summary>
public static class ServerError
{
    public static bool Is(HttpResponseMessage response) => (int)response.StatusCode >= 500 && !IsTryAgainLater(response);

    public static bool IsTryAgainLater(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null;
}
