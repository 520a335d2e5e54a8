using System.ComponentModel.DataAnnotations;
using Accommodation.Reservations.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>A customer reserves a room for the nights <c>[checkIn, checkOut)</c>; dates are <c>yyyy-MM-dd</c>.</summary>
public sealed record ReserveRequest(
    [property: Required, RegularExpression(CustomerId.Pattern, ErrorMessage = CustomerId.Rule)] string? CustomerId,
    [property: Required, RegularExpression(RoomNumber.Pattern, ErrorMessage = RoomNumber.Rule)] string? RoomNumber,
    [property: Required] DateOnly? CheckIn,
    [property: Required] DateOnly? CheckOut);

public sealed record ListReservationsRequest(
    [FromQuery(Name = "customerId")][property: Required, RegularExpression(CustomerId.Pattern, ErrorMessage = CustomerId.Rule)]
    string? CustomerId,
    [FromQuery(Name = "pageIndex")][property: Range(0, ListReservationsRequest.MaxPageIndex)] int PageIndex = 0,
    [FromQuery(Name = "pageSize")][property: Range(1, ListReservationsRequest.MaxPageSize)] int PageSize = ListReservationsRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    // Keeps PageIndex * PageSize inside an int.
    private const int MaxPageIndex = int.MaxValue / MaxPageSize;
}
