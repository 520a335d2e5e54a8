using System.ComponentModel.DataAnnotations;
using Accommodation.Payments.Api.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Payments.Api.Apis;

/// <summary>Reservation asks for a reservation's total price to be charged; every field is required.</summary>
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

public sealed record PaymentsByReservationRequest(
    [FromQuery(Name = "reservationNumber")]
    [property: Required, RegularExpression(Payment.ReservationNumberPattern, ErrorMessage = Payment.ReservationNumberRule)]
    string? ReservationNumber);
