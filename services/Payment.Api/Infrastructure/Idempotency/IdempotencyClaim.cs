namespace Accommodation.Payments.Api.Infrastructure.Idempotency;

/// <summary>What a request learns when it tries to take an Idempotency-Key.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>The key is this request's to process (first use, or taken over from an abandoned request).</summary>
    public sealed record Acquired(IdempotencyRecord Record) : IdempotencyClaim;

    /// <summary>The key was used before with the same body and that request is done: replay its response.</summary>
    public sealed record Completed(RecordedResponse Response) : IdempotencyClaim;

    /// <summary>Another request with this key is still being processed.</summary>
    public sealed record InFlight : IdempotencyClaim;

    /// <summary>The key was used before with a different body.</summary>
    public sealed record Mismatch : IdempotencyClaim;
}
