namespace Accommodation.Payments.Api.Domain;

/// <summary>A rule of the Payment aggregate was broken; <see cref="Field"/> names the offending input.</summary>
public sealed class PaymentDomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
