using Accommodation.Payments.Api.Apis;

namespace Accommodation.Payments.Tests.Apis;

public sealed class RequestFingerprintTests
{
    [Fact]
    public void A_fingerprint_is_the_hex_SHA256_of_the_canonical_body() =>
        Assert.Matches("^[0-9a-f]{64}$", RequestFingerprint.Of(new ApprovePaymentRequest("R-1", "c-1", 1m)));

    [Fact]
    public void Trailing_zeros_of_the_amount_do_not_change_the_fingerprint() =>
        Assert.Equal(
            RequestFingerprint.Of(new ApprovePaymentRequest("R-1", "c-1", 120_000m)),
            RequestFingerprint.Of(new ApprovePaymentRequest("R-1", "c-1", 120_000.00m)));

    [Theory]
    [InlineData("R-2", "c-1", 1)]
    [InlineData("R-1", "c-2", 1)]
    [InlineData("R-1", "c-1", 2)]
    [InlineData("r-1", "c-1", 1)]
    public void Any_other_value_changes_the_fingerprint(string reservationNumber, string customerId, int amount) =>
        Assert.NotEqual(
            RequestFingerprint.Of(new ApprovePaymentRequest("R-1", "c-1", 1m)),
            RequestFingerprint.Of(new ApprovePaymentRequest(reservationNumber, customerId, amount)));

    [Fact]
    public void Field_boundaries_are_kept_apart() =>
        Assert.NotEqual(
            RequestFingerprint.Of(new ApprovePaymentRequest("R-1", "c-1", 1m)),
            RequestFingerprint.Of(new ApprovePaymentRequest("R-1c", "-1", 1m)));
}
