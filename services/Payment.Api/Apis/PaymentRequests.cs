using System.ComponentModel.DataAnnotations;
using Accommodation.Payments.Api.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Payments.Api.Apis;

/// <summary>
/// Reservation asks for a reservation's total price to be charged; every field is required. The customer is the
/// reservation's owner as the reservation service (a trusted client) knows it. Nothing else is read from the body:
/// the payment's id, status and times are the service's own.
/// </summary>
public sealed record ApprovePaymentRequest(
    [property: Required, RegularExpression(Payment.ReservationNumberPattern, ErrorMessage = Payment.ReservationNumberRule)]
    string? ReservationNumber,
    [property: Required(AllowEmptyStrings = true), CustomerId] string? CustomerId,
    [property: Required, PaymentAmount] decimal? Amount);

/// <summary>The Idempotency-Key header, checked with the body so every problem is reported at once.</summary>
public sealed record IdempotencyKeyHeader(
    [FromHeader(Name = IdempotencyHeaders.Key)]
    [property: Required(ErrorMessage = IdempotencyHeaders.KeyRule), RegularExpression(IdempotencyHeaders.KeyPattern, ErrorMessage = IdempotencyHeaders.KeyRule)]
    string? IdempotencyKey);

/// <summary>
/// Whose payments to list: a reservation's, a customer's, or both. A customer reads their own only, so for them the
/// customer is the token's and may be left out; a manager names at least one of the two.
/// </summary>
public sealed record PaymentsQuery(
    [FromQuery(Name = "reservationNumber")]
    [property: StringLength(Payment.ReservationNumberMaxLength, MinimumLength = 1, ErrorMessage = Payment.ReservationNumberRule)]
    [property: RegularExpression(Payment.ReservationNumberPattern, ErrorMessage = Payment.ReservationNumberRule)]
    string? ReservationNumber,
    [FromQuery(Name = "customerId")][property: CustomerId] string? CustomerId);
