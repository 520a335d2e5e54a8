using System.ComponentModel.DataAnnotations;
using Accommodation.Notification.Api.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Notification.Api.Apis;

/// <summary>
/// One page of a customer's notice log, optionally of one reservation only. The ids follow the loosest rules of the
/// services whose events make notices (payment's): what breaks them cannot be in the log, and is the client's mistake.
/// </summary>
public sealed record NoticeLogRequest(
    [FromQuery(Name = "customerId")]
    [property: Required, StringLength(Notice.CustomerIdMaxLength), RegularExpression(NoticeLogRequest.NoControlCharacters, ErrorMessage = NoticeLogRequest.CustomerIdRule)]
    string? CustomerId,
    [FromQuery(Name = "reservationNumber")]
    [property: StringLength(Notice.ReservationNumberMaxLength, MinimumLength = 1), RegularExpression(NoticeLogRequest.ReservationNumberPattern, ErrorMessage = NoticeLogRequest.ReservationNumberRule)]
    string? ReservationNumber = null,
    [FromQuery(Name = "pageIndex")][property: Range(0, NoticeLogRequest.MaxPageIndex)] int PageIndex = 0,
    [FromQuery(Name = "pageSize")][property: Range(1, NoticeLogRequest.MaxPageSize)] int PageSize = NoticeLogRequest.DefaultPageSize)
{
    public const string NoControlCharacters = @"^\P{Cc}*$";
    public const string CustomerIdRule = "A customer id has no control characters.";
    public const string ReservationNumberPattern = "^[A-Za-z0-9-]*$";
    public const string ReservationNumberRule = "A reservation number is letters, digits and hyphens.";

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    // Keeps PageIndex * PageSize inside an int.
    private const int MaxPageIndex = int.MaxValue / MaxPageSize;
}
