using System.ComponentModel.DataAnnotations;
using Accommodation.Rooms.Api.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Rooms.Api.Apis;

/// <summary>
/// A manager registers a room; every field is required. What the server owns (status, version, times) is no member,
/// so a body that sends it is read without it: a new room is always version 1, its status the nights' own.
/// </summary>
public sealed record RegisterRoomRequest(
    [property: Required, RegularExpression(RoomNumber.Pattern, ErrorMessage = RoomNumber.Rule)]
    string? Number,
    [property: Required] RoomType? Type,
    [property: Required(AllowEmptyStrings = true), RoomName] string? Name,
    [property: Required, PricePerNight] decimal? PricePerNight);

/// <summary>
/// A partial change: fields left out keep their value; a version, when given, must be the room's current one (a
/// precondition, never the new version). The number, type, status and times are not members, so a body cannot change them.
/// </summary>
public sealed record ChangeRoomRequest(
    [property: RoomName] string? Name = null,
    [property: PricePerNight] decimal? PricePerNight = null,
    int? Version = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name is null && PricePerNight is null)
        {
            yield return new ValidationResult("Give a name, a pricePerNight or both.", [nameof(Name), nameof(PricePerNight)]);
        }
    }
}

public sealed record PaginationRequest(
    [FromQuery(Name = "pageIndex")][property: Range(0, PaginationRequest.MaxPageIndex)] int PageIndex = 0,
    [FromQuery(Name = "pageSize")][property: Range(1, PaginationRequest.MaxPageSize)] int PageSize = PaginationRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    // Keeps PageIndex * PageSize inside an int.
    private const int MaxPageIndex = int.MaxValue / MaxPageSize;
}

/// <summary>The nights <c>[from, to)</c> to show, as a stay is written: <c>to</c> is the morning after the last night.</summary>
public sealed record NightsRequest(
    [FromQuery(Name = "from")][property: Required] DateOnly? From,
    [FromQuery(Name = "to")][property: Required] DateOnly? To) : IValidatableObject
{
    public const int MaxNights = 90;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is { } from && To is { } to && (to <= from || to.DayNumber - from.DayNumber > MaxNights))
        {
            yield return new ValidationResult($"'to' comes after 'from', at most {MaxNights} nights later.", [nameof(To)]);
        }
    }
}
