using Accommodation.WebApp.Localization;

namespace Accommodation.WebApp.Tests;

/// <summary>Prices are in won whichever language is chosen; dates follow the language.</summary>
public sealed class CulturesTests
{
    [Fact]
    public void Both_languages_write_a_price_in_won_without_decimals()
    {
        Assert.Equal("₩120,000", 120000m.ToString("C", Cultures.Korean));
        Assert.Equal("₩120,000", 120000m.ToString("C", Cultures.English));
    }

    [Fact]
    public void Korean_writes_a_short_date_with_its_year_month_and_day()
    {
        var date = new DateOnly(2026, 11, 24).ToString("d", Cultures.Korean);

        Assert.Contains("2026", date, StringComparison.Ordinal);
        Assert.Contains("11", date, StringComparison.Ordinal);
        Assert.Contains("24", date, StringComparison.Ordinal);
    }
}
