using System.ComponentModel.DataAnnotations;
using Accommodation.Notification.Api.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Notification.Api.Apis;

/// <summary>One page of a customer's notice log, optionally of one reservation only.</summary>
public sealed record NoticeLogRequest(
    [FromQuery(Name = "customerId")][property: Required, StringLength(Notice.CustomerIdMaxLength)] string? CustomerId,
    [FromQuery(Name = "reservationNumber")][property: StringLength(Notice.ReservationNumberMaxLength, MinimumLength = 1)] string? ReservationNumber = null,
    [FromQuery(Name = "pageIndex")][property: Range(0, NoticeLogRequest.MaxPageIndex)] int PageIndex = 0,
    [FromQuery(Name = "pageSize")][property: Range(1, NoticeLogRequest.MaxPageSize)] int PageSize = NoticeLogRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    // Keeps PageIndex * PageSize inside an int.
    private const int MaxPageIndex = int.MaxValue / MaxPageSize;
}
