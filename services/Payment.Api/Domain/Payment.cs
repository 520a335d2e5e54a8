using System.Text.RegularExpressions;
using Accommodation.Payments.Api.Domain.Events;

namespace Accommodation.Payments.Api.Domain;

/// <summary>A customer's payment for a reservation (KRW): approved by the payment gateway, later perhaps refunded.</summary>
public sealed partial class Payment : AggregateRoot
{
    public const decimal MaxAmount = 1_000_000_000m;
    public const int ReservationNumberMaxLength = 40;
    public const string ReservationNumberPattern = "^[A-Za-z0-9-]{1,40}$";
    public const string ReservationNumberRule = "A reservation number is 1 to 40 letters, digits or hyphens.";
    public const int CustomerIdMaxLength = 100;
    public const int GatewayTransactionIdMaxLength = 100;

    private Payment(Guid id, string reservationNumber, string customerId, decimal amount, string gatewayTransactionId,
        DateTimeOffset approvedAt)
    {
        Id = id;
        ReservationNumber = reservationNumber;
        CustomerId = customerId;
        Amount = StoredForm.Amount(amount);
        GatewayTransactionId = gatewayTransactionId;
        Status = PaymentStatus.Approved;
        ApprovedAt = StoredForm.Instant(approvedAt);
        Version = 1;
    }

    public Guid Id { get; private set; }

    public string ReservationNumber { get; private set; }

    public string CustomerId { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The payment gateway's id of the charge, needed to refund it.</summary>
    public string GatewayTransactionId { get; private set; }

    public PaymentStatus Status { get; private set; }

    public DateTimeOffset ApprovedAt { get; private set; }

    public decimal? RefundedAmount { get; private set; }

    /// <summary>The share of <see cref="Amount"/> given back, from 0 to 1.</summary>
    public decimal? RefundRate { get; private set; }

    public DateTimeOffset? RefundedAt { get; private set; }

    /// <summary>Starts at 1 and grows by one on every change; guards against two concurrent refunds.</summary>
    public int Version { get; private set; }

    /// <summary>Records a charge the payment gateway approved.</summary>
    public static Payment Approve(string reservationNumber, string customerId, decimal amount, string gatewayTransactionId,
        DateTimeOffset approvedAt)
    {
        Guard("reservationNumber", ProblemWithReservationNumber(reservationNumber));
        Guard("customerId", ProblemWithCustomerId(customerId));
        Guard("amount", ProblemWithAmount(amount));
        ArgumentException.ThrowIfNullOrWhiteSpace(gatewayTransactionId);

        var payment = new Payment(Guid.CreateVersion7(approvedAt), reservationNumber, customerId, amount, gatewayTransactionId, approvedAt);
        payment.Raise(new PaymentApproved(payment.Id, payment.ReservationNumber, payment.CustomerId, payment.Amount, payment.ApprovedAt));
        return payment;
    }

    /// <summary>Gives back <paramref name="refundRate"/> of the amount, rounded down to the 2 decimals a payment has.</summary>
    public void Refund(decimal refundRate, DateTimeOffset refundedAt)
    {
        if (Status != PaymentStatus.Approved)
        {
            throw new PaymentDomainException("status", $"Payment {Id} is {Status}; only an approved payment can be refunded.");
        }

        if (refundRate is < 0m or > 1m)
        {
            throw new PaymentDomainException("refundRate", "A refund rate is between 0 and 1.");
        }

        // Rounded toward zero: the customer never gets back more than the policy grants.
        RefundedAmount = StoredForm.Amount(decimal.Round(Amount * refundRate, 2, MidpointRounding.ToZero));
        RefundRate = StoredForm.Amount(refundRate);
        RefundedAt = StoredForm.Instant(refundedAt);
        Status = PaymentStatus.Refunded;
        Version++;
        Raise(new PaymentRefunded(Id, ReservationNumber, CustomerId, Amount, RefundedAmount.Value, RefundRate.Value, RefundedAt.Value));
    }

    /// <summary>What is wrong with <paramref name="reservationNumber"/>, or null when it is fine.</summary>
    public static string? ProblemWithReservationNumber(string? reservationNumber) =>
        reservationNumber is not null && ValidReservationNumber().Match(reservationNumber) is { Success: true } match && match.Length == reservationNumber.Length
            ? null
            : ReservationNumberRule;

    /// <summary>What is wrong with <paramref name="customerId"/>, or null when it is fine.</summary>
    public static string? ProblemWithCustomerId(string? customerId) =>
        string.IsNullOrWhiteSpace(customerId) || customerId.Length > CustomerIdMaxLength || customerId.Any(char.IsControl)
            ? $"A customer id is 1 to {CustomerIdMaxLength} characters, not blank, without control characters."
            : null;

    /// <summary>What is wrong with <paramref name="amount"/> as a payment amount, or null when it is fine.</summary>
    public static string? ProblemWithAmount(decimal amount) =>
        amount <= 0 || amount > MaxAmount ? $"An amount is more than 0 and at most {MaxAmount:N0} KRW."
        : decimal.Round(amount, 2) != amount ? "An amount has at most 2 decimal places."
        : null;

    private static void Guard(string field, string? problem)
    {
        if (problem is not null)
        {
            throw new PaymentDomainException(field, problem);
        }
    }

    // $ also matches before a final newline, so callers check that the match is the whole value (as [RegularExpression] does).
    [GeneratedRegex(ReservationNumberPattern)]
    private static partial Regex ValidReservationNumber();
}
