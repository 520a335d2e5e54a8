using System.Globalization;
using System.Threading.RateLimiting;

namespace Accommodation.Gateway.Security;

/// <summary>Configuration section Gateway:RateLimits: how many requests one caller may send per window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Gateway:RateLimits";

    /// <summary>A signed-in caller (partitioned by the token's subject), per window.</summary>
    public int PerUser { get; set; } = 200;

    /// <summary>A caller without a token (partitioned by client IP address), per window.</summary>
    public int PerIp { get; set; } = 300;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Clients (the token's client_id) that are not limited: in Development the load-test client, whose whole purpose is
    /// to send more than any person would. Empty in production.
    /// </summary>
    public string[] ExemptClients { get; set; } = [];
}

/// <summary>
/// Per-user and per-IP fixed windows: a caller over its share gets 429 with Retry-After (seconds to the window's end)
/// and the request never reaches a service. Runs after authentication, so a forged token counts against its IP.
/// </summary>
internal static class GatewayRateLimits
{
    public static void AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"Try again in {seconds} s.").ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions options)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirst(AccessClaims.ClientId)?.Value is { } client && options.ExemptClients.Contains(client, StringComparer.Ordinal))
            {
                return RateLimitPartition.GetNoLimiter("exempt");
            }

            return FixedWindow($"user:{user.CustomerId()}", options.PerUser, options.Window);
        }

        // Health probes come from the orchestrator, not from callers.
        if (context.Request.Path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath)
            || context.Request.Path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath))
        {
            return RateLimitPartition.GetNoLimiter("probes");
        }

        return FixedWindow($"ip:{context.Connection.RemoteIpAddress}", options.PerIp, options.Window);
    }

    private static RateLimitPartition<string> FixedWindow(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
