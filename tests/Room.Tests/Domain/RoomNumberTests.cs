using Accommodation.Rooms.Api.Domain;

namespace Accommodation.Rooms.Tests.Domain;

public sealed class RoomNumberTests
{
    [Theory]
    [InlineData("101", "101")]
    [InlineData("a-12", "A-12")]
    [InlineData("ABCDEFGHIJ", "ABCDEFGHIJ")]
    public void Parse_accepts_letters_digits_and_hyphens_and_stores_them_upper_case(string input, string expected) =>
        Assert.Equal(expected, RoomNumber.Parse(input).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("ABCDEFGHIJK")]
    [InlineData("10 1")]
    [InlineData("101/2")]
    [InlineData("101\n")]
    [InlineData("１０１")]
    public void Parse_rejects_anything_else(string? input)
    {
        var exception = Assert.Throws<RoomDomainException>(() => RoomNumber.Parse(input));
        Assert.Equal("number", exception.Field);
    }

    [Fact]
    public void Numbers_that_differ_only_in_case_are_equal() =>
        Assert.Equal(RoomNumber.Parse("b-7"), RoomNumber.Parse("B-7"));
}
