namespace Accommodation.Payments.Api.Infrastructure.Idempotency;

/// <summary>
/// One Idempotency-Key as Stripe keeps it: the fingerprint of the request that first used it, whether that request
/// is still being processed, and once it is done the response it got, to be replayed to every retry. Keys are the
/// client's own (as Stripe's are the account's): the same key from another client is another key.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int ClientIdMaxLength = 100;
    public const int KeyMaxLength = 255;
    public const int FingerprintLength = 64;

    private IdempotencyRecord(string clientId, string key, string requestFingerprint, IdempotencyState state, Guid leaseId,
        DateTimeOffset lockedAt, DateTimeOffset createdAt)
    {
        ClientId = clientId;
        Key = key;
        RequestFingerprint = requestFingerprint;
        State = state;
        LeaseId = leaseId;
        LockedAt = lockedAt;
        CreatedAt = createdAt;
    }

    /// <summary>The access token's client that used the key: the key's namespace.</summary>
    public string ClientId { get; private set; }

    public string Key { get; private set; }

    /// <summary>SHA-256 (hex) of the canonical request body: the same key with another body is refused.</summary>
    public string RequestFingerprint { get; private set; }

    public IdempotencyState State { get; private set; }

    /// <summary>Who processes the request now; changes when an abandoned request is taken over, so the loser cannot complete.</summary>
    public Guid LeaseId { get; private set; }

    public DateTimeOffset LockedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public int? ResponseStatus { get; private set; }

    public string? ResponseContentType { get; private set; }

    public string? ResponseBody { get; private set; }

    public string? ResponseLocation { get; private set; }

    public RecordedResponse? Response =>
        State == IdempotencyState.Completed
            ? new RecordedResponse(ResponseStatus!.Value, ResponseContentType!, ResponseBody!, ResponseLocation)
            : null;

    internal static IdempotencyRecord Begin(IdempotencyKey key, string requestFingerprint, DateTimeOffset now) =>
        new(key.ClientId, key.Value, requestFingerprint, IdempotencyState.InFlight, Guid.NewGuid(), now, now);

    /// <summary>True when the request holding the key has been in flight so long that it must have died.</summary>
    public bool IsAbandoned(DateTimeOffset now, TimeSpan inFlightTimeout) =>
        State == IdempotencyState.InFlight && now - LockedAt >= inFlightTimeout;

    internal void TakeOver(DateTimeOffset now)
    {
        LeaseId = Guid.NewGuid();
        LockedAt = now;
    }

    internal void Complete(RecordedResponse response, DateTimeOffset now)
    {
        State = IdempotencyState.Completed;
        CompletedAt = now;
        ResponseStatus = response.Status;
        ResponseContentType = response.ContentType;
        ResponseBody = response.Body;
        ResponseLocation = response.Location;
    }
}

public enum IdempotencyState
{
    InFlight,
    Completed,
}

/// <summary>A response as it was sent, so a retry gets the same status, headers and bytes.</summary>
public sealed record RecordedResponse(int Status, string ContentType, string Body, string? Location);
