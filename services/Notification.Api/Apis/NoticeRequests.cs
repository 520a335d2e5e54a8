using System.ComponentModel.DataAnnotations;
using Accommodation.Notification.Api.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Notification.Api.Apis;

/// <summary>
/// One page of a customer's notice log, optionally of one reservation only. A customer reads their own log, so may
/// leave the customer out (it is the token's); a manager names one. The ids follow the loosest rules of the services
/// whose events make notices (payment's): what breaks them cannot be in the log, and is the client's mistake.
/// </summary>
public sealed record NoticeLogRequest(
    [FromQuery(Name = "customerId")]
    [property: StringLength(Notice.CustomerIdMaxLength, MinimumLength = 1, ErrorMessage = NoticeLogRequest.CustomerIdRule)]
    [property: RegularExpression(NoticeLogRequest.NotBlankNoControlCharacters, ErrorMessage = NoticeLogRequest.CustomerIdRule)]
    string? CustomerId = null,
    [FromQuery(Name = "reservationNumber")]
    [property: StringLength(Notice.ReservationNumberMaxLength, MinimumLength = 1), RegularExpression(NoticeLogRequest.ReservationNumberPattern, ErrorMessage = NoticeLogRequest.ReservationNumberRule)]
    string? ReservationNumber = null,
    [FromQuery(Name = "pageIndex")][property: Range(0, NoticeLogRequest.MaxPageIndex)] int PageIndex = 0,
    [FromQuery(Name = "pageSize")][property: Range(1, NoticeLogRequest.MaxPageSize)] int PageSize = NoticeLogRequest.DefaultPageSize)
{
    public const string NotBlankNoControlCharacters = @"^(?=.*\S)\P{Cc}*$";
    public const string CustomerIdRule = "A customer id is 1 to 100 characters, not blank, without control characters.";
    public const string ReservationNumberPattern = "^[A-Za-z0-9-]*$";
    public const string ReservationNumberRule = "A reservation number is letters, digits and hyphens.";

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    // Keeps PageIndex * PageSize inside an int.
    private const int MaxPageIndex = int.MaxValue / MaxPageSize;
}
