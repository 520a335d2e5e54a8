using Reliability.Tests.Support;

namespace Reliability.Tests.Faults;

/// <summary>
/// One reservation as reservationdb holds it, with every payment paymentdb holds for it: the two sources of truth that
/// must agree — confirmed and charged once for its amount, or not confirmed and not (or no longer) charged.
/// </summary>
public sealed record PaymentRecord(string Number, string Status, decimal TotalPrice, Guid? PaymentId, IReadOnlyList<PaymentRow> Payments)
{
    /// <summary>Confirmed with exactly one approved, unrefunded payment of its amount, the one it names.</summary>
    public bool ConfirmedAndCharged =>
        Status == "Confirmed" && Payments is [{ Status: "Approved" } payment] && payment.Amount == TotalPrice && payment.Id == PaymentId;

    /// <summary>Not confirmed, and every payment of it (if one was taken at all) refunded in full.</summary>
    public bool NotCharged => Status != "Confirmed" && Payments.All(payment => payment.RefundedInFull);

    /// <summary>A confirmation without its charge.</summary>
    public int LostCharges => Status == "Confirmed" && !ConfirmedAndCharged ? 1 : 0;

    /// <summary>Charges beyond the one a reservation may have, and a charge kept by a reservation that ended unconfirmed.</summary>
    public int ExtraCharges => Math.Max(0, Payments.Count - 1) + (Status is "Expired" or "Cancelled" && !NotCharged ? 1 : 0);

    /// <summary>What is wrong, or null. A held reservation may have one charge: its attempt was abandoned but still completed.</summary>
    public string? Problem() =>
        Payments.Count > 1 ? $"{this} was charged {Payments.Count} times"
        : Status == "Confirmed" && !ConfirmedAndCharged ? $"{this} is confirmed without its approved payment"
        : Status != "Confirmed" && Status != "Held" && !NotCharged ? $"{this} ended {Status} yet charged"
        : null;

    public override string ToString() =>
        $"{Number} ({Status}, {TotalPrice:0} KRW, payments [{string.Join("; ", Payments)}])";

    public static async Task<IReadOnlyList<PaymentRecord>> ReadAsync(SystemProbe probe, IReadOnlyCollection<string> numbers)
    {
        var payments = (await probe.QueryAsync("paymentdb",
                "SELECT id, reservation_number, amount, status, refunded_amount FROM payments WHERE reservation_number = ANY($1)", Parameter(numbers)))
            .ToLookup(
                row => (string)row["reservation_number"]!,
                row => new PaymentRow((Guid)row["id"]!, (decimal)row["amount"]!, (string)row["status"]!, (decimal?)row["refunded_amount"]));
        var reservations = await probe.QueryAsync("reservationdb",
            "SELECT number, status, total_price, payment_id FROM reservations WHERE number = ANY($1)", Parameter(numbers));
        Assert.Equal(numbers.Count, reservations.Count);
        return
        [
            .. reservations.Select(row => new PaymentRecord(
                (string)row["number"]!, (string)row["status"]!, (decimal)row["total_price"]!, (Guid?)row["payment_id"], [.. payments[(string)row["number"]!]])),
        ];
    }

    /// <summary>Keys of payment attempts still being processed at payment (claimed, no answer stored yet) for these reservations.</summary>
    public static Task<long> InFlightAsync(SystemProbe probe, IReadOnlyCollection<string> numbers) =>
        probe.CountAsync("paymentdb", "SELECT count(*) FROM idempotency_records WHERE completed_at IS NULL AND key LIKE ANY($1)",
            Parameter(numbers.Select(number => $"reservation-{number}-%")));

    // One array parameter: a bare string[] would be taken as the params array itself.
    private static object Parameter(IEnumerable<string> values) => values.ToArray();
}

/// <summary>One payment as paymentdb holds it.</summary>
public sealed record PaymentRow(Guid Id, decimal Amount, string Status, decimal? RefundedAmount)
{
    public bool RefundedInFull => Status == "Refunded" && RefundedAmount == Amount;

    public override string ToString() => $"{Status} {Amount:0}" + (RefundedAmount is { } refunded ? $", refunded {refunded:0}" : "");
}
