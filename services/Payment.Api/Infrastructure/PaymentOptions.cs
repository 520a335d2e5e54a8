namespace Accommodation.Payments.Api.Infrastructure;

/// <summary>Bound from the configuration section <c>Payment</c>.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payment";

    /// <summary>The hotel's time zone (IANA id): the calendar on which the refund policy counts days before check-in.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>
    /// Payments one replica approves at once, as a real payment gateway contract limits concurrent calls; so capacity
    /// grows with replicas. Beyond it, up to <see cref="ApprovalQueueLimit"/> wait; the rest get 503 with Retry-After.
    /// </summary>
    public int MaxConcurrentApprovals { get; set; } = 8;

    public int ApprovalQueueLimit { get; set; } = 16;
}
