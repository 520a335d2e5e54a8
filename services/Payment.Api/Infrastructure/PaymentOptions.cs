namespace Accommodation.Payments.Api.Infrastructure;

/// <summary>Bound from the configuration section <c>Payment</c>.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payment";

    /// <summary>The hotel's time zone (IANA id): the calendar on which the refund policy counts days before check-in.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";
}
