using System.Globalization;
using Accommodation.WebApp.Localization;
using Microsoft.Extensions.Localization;

namespace Accommodation.WebApp.Components.Shared;

/// <summary>The words for the APIs' values (statuses, room types), one literal each so the translation test sees them.</summary>
public static class Words
{
    public static string ReservationStatus(this IStringLocalizer<Text> L, string status) => status switch
    {
        "Held" => L["Awaiting payment"],
        "Confirmed" => L["Confirmed"],
        "Cancelled" => L["Cancelled"],
        "Expired" => L["Expired (not paid in time)"],
        "CheckedOut" => L["Checked out"],
        _ => status,
    };

    public static string RoomType(this IStringLocalizer<Text> L, string type) => type switch
    {
        "Standard" => L["Standard"],
        "Deluxe" => L["Deluxe"],
        "Suite" => L["Suite"],
        "Family" => L["Family"],
        _ => type,
    };

    public static string NoticeKind(this IStringLocalizer<Text> L, string kind) => kind switch
    {
        "ReservationPlaced" => L["Reservation received"],
        "ReservationConfirmed" => L["Reservation confirmed"],
        "ReservationCancelled" => L["Reservation cancelled"],
        "ReservationExpired" => L["Reservation expired"],
        "ReservationCheckedOut" => L["Checked out"],
        "PaymentApproved" => L["Payment approved"],
        "PaymentRefunded" => L["Payment refunded"],
        _ => kind,
    };

    public static string NoticeStatus(this IStringLocalizer<Text> L, string status) => status switch
    {
        "Sent" => L["Sent"],
        "Pending" => L["Sending"],
        "Failed" => L["Not delivered"],
        _ => status,
    };

    /// <summary>"3 nights, ₩360,000 in total", and "1 night" for one.</summary>
    public static string StayAndTotal(this IStringLocalizer<Text> L, int nights, decimal total) =>
        nights == 1 ? L["1 night, {0} in total", Won(total)] : L["{0} nights, {1} in total", nights, Won(total)];

    /// <summary>A price in won in the chosen culture (₩120,000 either way).</summary>
    public static string Won(decimal amount) => amount.ToString("C", CultureInfo.CurrentCulture);

    /// <summary>A day in a calendar: the month short and the day (Nov 25 / 11월 25일).</summary>
    public static string Day(DateOnly date) =>
        date.ToString(CultureInfo.CurrentCulture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal), CultureInfo.CurrentCulture);

    /// <summary>A date as the chosen culture writes it short (2026. 11. 24. / 11/24/2026).</summary>
    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
