using System.ComponentModel.DataAnnotations;
using Accommodation.Reservations.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>
/// A customer reserves a room for the nights <c>[checkIn, checkOut)</c>; dates are <c>yyyy-MM-dd</c>. The customer is
/// the token's subject; what the server decides (customerId, number, status, price) is no member, so a body that sends
/// it is read without it.
/// </summary>
public sealed record ReserveRequest(
    [property: Required, RegularExpression(RoomNumber.Pattern, ErrorMessage = RoomNumber.Rule)] string? RoomNumber,
    [property: Required] DateOnly? CheckIn,
    [property: Required] DateOnly? CheckOut);

/// <summary>A page of a customer's reservations: a customer may leave <c>customerId</c> out (their own); a manager names one.</summary>
public sealed record ListReservationsRequest(
    [FromQuery(Name = "customerId")][property: MinLength(1, ErrorMessage = CustomerId.Rule), RegularExpression(CustomerId.Pattern, ErrorMessage = CustomerId.Rule)]
    string? CustomerId,
    [FromQuery(Name = "pageIndex")][property: Range(0, ListReservationsRequest.MaxPageIndex)] int PageIndex = 0,
    [FromQuery(Name = "pageSize")][property: Range(1, ListReservationsRequest.MaxPageSize)] int PageSize = ListReservationsRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    // Keeps PageIndex * PageSize inside an int.
    private const int MaxPageIndex = int.MaxValue / MaxPageSize;
}
