namespace Accommodation.Reservations.Infrastructure.Payments;

/// <summary>No access token for payment: identity could not be reached, or refused to give one.</summary>
public sealed class AccessTokenUnavailableException(string reason, Exception? innerException = null)
    : Exception($"No access token for payment: {reason}.", innerException)
{
    public string Reason { get; } = reason;
}
