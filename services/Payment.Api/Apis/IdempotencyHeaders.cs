namespace Accommodation.Payments.Api.Apis;

/// <summary>The headers of Stripe-style idempotent requests.</summary>
public static class IdempotencyHeaders
{
    public const string Key = "Idempotency-Key";
    public const string Replayed = "Idempotent-Replayed";

    /// <summary>1 to 255 visible ASCII characters (HTTP's VCHAR): no spaces, no control characters.</summary>
    public const string KeyPattern = @"^[\x21-\x7E]{1,255}$";
    public const string KeyRule = "An Idempotency-Key header is required: 1 to 255 visible ASCII characters, without spaces.";
}
