namespace Accommodation.Payments.Api.Infrastructure.Idempotency;

/// <summary>Bound from <c>Payment:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Payment:Idempotency";

    /// <summary>How long a request may hold its key before the next request with that key may take it over.</summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
