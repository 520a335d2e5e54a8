namespace Accommodation.Payments.Api.Domain;

public enum PaymentStatus
{
    Approved,
    Refunded,
}
