using System.Text.RegularExpressions;
using Accommodation.Reservations.Domain;

namespace Accommodation.Reservations.Tests.Domain;

public sealed class ReservationNumberTests
{
    [Fact]
    public void A_new_number_carries_the_day_and_six_unambiguous_characters()
    {
        var numbers = Enumerable.Range(0, 1000).Select(_ => ReservationNumber.New(new DateOnly(2026, 12, 24)).Value).ToList();

        Assert.All(numbers, number => Assert.Matches(new Regex("^R-20261224-[0-9A-HJKMNP-TV-Z]{6}$"), number));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Theory]
    [InlineData("R-20261224-7F3K9Q", "R-20261224-7F3K9Q")]
    [InlineData(" r-20261224-7f3k9q ", "R-20261224-7F3K9Q")]
    public void Parse_accepts_the_shape_in_any_case(string text, string expected) =>
        Assert.Equal(expected, ReservationNumber.Parse(text).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("R-20261224-7F3K9")]
    [InlineData("R-20261224-7F3K9QQ")]
    [InlineData("R-20261324-7F3K9Q")]   // month 13
    [InlineData("R-20261224-7F3K9O")]   // O is not in the alphabet
    [InlineData("X-20261224-7F3K9Q")]
    [InlineData("R-2026122-47F3K9Q")]
    public void Parse_refuses_anything_else(string? text) =>
        Assert.Equal("number", Assert.Throws<ReservationDomainException>(() => ReservationNumber.Parse(text)).Field);

    [Theory]
    [InlineData("9805", true)]
    [InlineData("kim.minji@example.com", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("kim\n", false)]
    [InlineData("김민지", false)]
    public void Customer_ids_are_plain_identifiers(string text, bool valid)
    {
        if (valid)
        {
            Assert.Equal(text, CustomerId.Parse(text).Value);
        }
        else
        {
            Assert.Equal("customerId", Assert.Throws<ReservationDomainException>(() => CustomerId.Parse(text)).Field);
        }
    }

    [Fact]
    public void Customer_ids_are_at_most_64_characters()
    {
        Assert.Equal(64, CustomerId.Parse(new string('c', 64)).Value.Length);
        Assert.Throws<ReservationDomainException>(() => CustomerId.Parse(new string('c', 65)));
    }

    [Fact]
    public void Room_numbers_are_upper_case() => Assert.Equal("A-12", RoomNumber.Parse("a-12").Value);
}
