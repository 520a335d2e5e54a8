using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Domain.Events;

namespace Accommodation.Payments.Tests.Domain;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Approve_records_the_payment_and_raises_PaymentApproved()
    {
        var payment = Approve(240_000.5m);

        Assert.Equal((PaymentStatus.Approved, 240_000.5m, 1, Now), (payment.Status, payment.Amount, payment.Version, payment.ApprovedAt));
        Assert.Null(payment.RefundedAmount);
        var approved = Assert.IsType<PaymentApproved>(Assert.Single(payment.DomainEvents));
        Assert.Equal(new PaymentApproved(payment.Id, "R-20261224-7F3K9Q", "customer-1", 240_000.5m, Now), approved);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(1_000_000_000.01)]
    [InlineData(0.001)]
    [InlineData(10.555)]
    public void Approve_refuses_an_amount_out_of_bounds_or_with_more_than_2_decimals(decimal amount) =>
        Assert.Equal("amount", Assert.Throws<PaymentDomainException>(() => Approve(amount)).Field);

    [Theory]
    [InlineData(0.01)]
    [InlineData(1_000_000_000)]
    public void Approve_accepts_the_bounds(decimal amount) => Assert.Equal(amount, Approve(amount).Amount);

    [Theory]
    [InlineData("", "customer", "reservationNumber")]
    [InlineData("R 1", "customer", "reservationNumber")]
    [InlineData("R-1", " ", "customerId")]
    [InlineData("R-1", "a\nb", "customerId")]
    public void Approve_refuses_bad_identifiers(string reservationNumber, string customerId, string field) =>
        Assert.Equal(field, Assert.Throws<PaymentDomainException>(() =>
            Payment.Approve(reservationNumber, customerId, 1m, "sim_1", Now)).Field);

    [Theory]
    [InlineData(1.0, 99_999.99)]
    [InlineData(0.5, 49_999.99)]
    [InlineData(0.0, 0.00)]
    public void Refund_gives_back_the_rate_of_the_amount_rounded_down_and_raises_PaymentRefunded(decimal rate, decimal refunded)
    {
        var payment = Approve(99_999.99m);
        payment.ClearDomainEvents();
        var at = Now.AddDays(1);

        payment.Refund(rate, at);

        Assert.Equal((PaymentStatus.Refunded, refunded, rate, at, 2), (payment.Status, payment.RefundedAmount, payment.RefundRate, payment.RefundedAt, payment.Version));
        Assert.Equal(new PaymentRefunded(payment.Id, "R-20261224-7F3K9Q", "customer-1", 99_999.99m, refunded, rate, at),
            Assert.Single(payment.DomainEvents));
    }

    [Fact]
    public void A_payment_is_refunded_at_most_once()
    {
        var payment = Approve(1_000m);
        payment.Refund(0.5m, Now);

        Assert.Equal("status", Assert.Throws<PaymentDomainException>(() => payment.Refund(1m, Now)).Field);
        Assert.Equal(500m, payment.RefundedAmount);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Refund_refuses_a_rate_outside_0_to_1(decimal rate) =>
        Assert.Equal("refundRate", Assert.Throws<PaymentDomainException>(() => Approve(1_000m).Refund(rate, Now)).Field);

    private static Payment Approve(decimal amount) => Payment.Approve("R-20261224-7F3K9Q", "customer-1", amount, "sim_1", Now);
}
