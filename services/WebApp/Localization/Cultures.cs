using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Accommodation.WebApp.Localization;

/// <summary>
/// The two languages of the UI. Prices are in won whichever is chosen (the hotel charges KRW): English keeps its own
/// digits and dates, with ₩ and no decimals, so <c>{price:C}</c> reads right in both.
/// </summary>
public static class Cultures
{
    public static readonly CultureInfo Korean = WithWon("ko-KR");
    public static readonly CultureInfo English = WithWon("en-US");

    /// <summary>Korean first: the requirements' users are Korean; a browser that asks for English gets English.</summary>
    public static readonly IReadOnlyList<CultureInfo> Supported = [Korean, English];

    public static void AddCultures(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Korean);
            options.SupportedCultures = [.. Supported];
            options.SupportedUICultures = [.. Supported];
            // Only the app's own cookie and the browser's languages choose; a query string does not.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

    /// <summary>Remembers the chosen language in the culture cookie and goes back to the page it was chosen on.</summary>
    public static void MapCultureEndpoint(this WebApplication app) =>
        app.MapGet("/culture", (HttpContext context, string? culture, string? returnUrl) =>
        {
            if (Supported.FirstOrDefault(supported => supported.Name == culture) is { } chosen)
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            }

            return TypedResults.LocalRedirect(Security.WebAuthentication.LocalUrl(returnUrl));
        }).AllowAnonymous();

    private static CultureInfo WithWon(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        culture.NumberFormat.CurrencySymbol = "₩";
        culture.NumberFormat.CurrencyDecimalDigits = 0;
        return CultureInfo.ReadOnly(culture);
    }
}
