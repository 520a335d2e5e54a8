using Accommodation.Gateway.ApiReference;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Accommodation.Gateway.Security;

/// <summary>Configuration section Gateway: what the one public origin accepts from the internet.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The largest request body, in bytes; a larger one is answered 413 and never reaches a service.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Origins whose pages may call the API from a browser (the web app's); none when empty.</summary>
    public string[] CorsOrigins { get; set; } = [];
}

/// <summary>
/// The gateway's own defences, before anything is forwarded: a body size limit (413), CORS for the web app's origin
/// only, and response headers that keep browsers from sniffing, framing or leaking what they were given.
/// </summary>
internal static class GatewayHardening
{
    public const string CorsPolicy = "web-app";

    public static void AddGatewayHardening(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddSingleton(options);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
            // Which server answers is nobody's business.
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(options.CorsOrigins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "traceparent")
            .WithExposedHeaders("Location", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
    }

    public static void UseGatewayHardening(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<GatewayOptions>();
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SetSecurityHeaders(context.Response.Headers, context.Request.Path.StartsWithSegments(ApiReferencePage.Path));
                return Task.CompletedTask;
            });

            // A declared length over the limit is refused before a byte is read or forwarded.
            if (context.Request.ContentLength > options.MaxRequestBodySize)
            {
                await TooLarge(options).ExecuteAsync(context);
                return;
            }

            // A chunked body that outgrows the limit on the way is cut off by Kestrel, and YARP answers 413 for it.
            await next(context);
        });
        app.UseCors(CorsPolicy);
    }

    private static void SetSecurityHeaders(IHeaderDictionary headers, bool isApiReferencePage)
    {
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // The API answers nothing a browser should run; the reference page runs Scalar's bundled script and its inline set-up.
        // A page that sets its own policy (identity's sign-in form) keeps it.
        if (isApiReferencePage)
        {
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'";
        }
        else if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }
        // What the services are built with is not for callers to see.
        headers.Remove("Server");
        headers.Remove("X-Powered-By");
    }

    private static IResult TooLarge(GatewayOptions options) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"A request body is at most {options.MaxRequestBodySize} bytes.");
}
