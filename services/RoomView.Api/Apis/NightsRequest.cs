using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.RoomView.Api.Apis;

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
