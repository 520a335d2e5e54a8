using System.Globalization;
using Accommodation.Payments.Api.Domain;

namespace Accommodation.Payments.Tests.Domain;

public sealed class StoredFormTests
{
    [Theory]
    [InlineData("240000.00", "240000")]
    [InlineData("0.50", "0.5")]
    [InlineData("1.0000", "1")]
    [InlineData("1000000000.01", "1000000000.01")]
    public void An_amount_keeps_its_value_without_trailing_zeros(string stored, string expected) =>
        Assert.Equal(expected, StoredForm.Amount(decimal.Parse(stored, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void An_instant_is_cut_to_the_microsecond() =>
        Assert.Equal(
            new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560),
            StoredForm.Instant(new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567)));
}
