namespace Accommodation.Payments.Api.Infrastructure.Idempotency;

/// <summary>
/// An Idempotency-Key in the namespace of the client that sent it, so no client can replay, block or probe another
/// client's requests by guessing its keys.
/// </summary>
public sealed record IdempotencyKey(string ClientId, string Value)
{
    /// <summary>The key as the payment gateway gets it: the gateway deduplicates charges across all our clients.</summary>
    public string ForGateway => $"{ClientId}:{Value}";
}
