using Accommodation.WebApp.Apis;
using Accommodation.WebApp.Localization;
using Microsoft.Extensions.Http.Resilience;

namespace Accommodation.WebApp.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddLocalization();
        builder.Services.AddCultures();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<HotelCalendar>();

        // Each API straight from its service, found by service discovery, as the gateway finds them; the user's token
        // goes with every call and each service checks it.
        builder.Services.AddHttpClient<RoomCatalogApi>(http => http.BaseAddress = new Uri("http://roomview"));
        // The live stream is read past the response headers, where the resilience timeouts no longer reach.
        builder.Services.AddHttpClient<MyReservationsApi>(http => http.BaseAddress = new Uri("http://roomview"));
        builder.Services.AddHttpClient<ReservationsApi>(http => http.BaseAddress = new Uri("http://reservation"));
        builder.Services.AddHttpClient<NoticesApi>(http => http.BaseAddress = new Uri("http://notification"));
        builder.Services.AddHttpClient<RoomsApi>(http => http.BaseAddress = new Uri("http://room"));
        // A reserve or a pay is never sent twice by a retry: the customer sees the answer and decides.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.DisableForUnsafeHttpMethods());
    }

    /// <summary>The browser's own address behind the gateway (for sign-in redirects), and what pages may load.</summary>
    public static void UseWebHardening(this WebApplication app)
    {
        app.UseGatewayForwardedHeaders();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            // Blazor's own script and its WebSocket back to this origin; no inline script, no other origin. Styles may be
            // inline because Blazor's reconnection dialog styles itself so.
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
    }
}
