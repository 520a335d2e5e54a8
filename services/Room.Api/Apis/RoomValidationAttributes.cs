using System.ComponentModel.DataAnnotations;
using Accommodation.Rooms.Api.Domain;

namespace Accommodation.Rooms.Api.Apis;

/// <summary>Checks a request's name with the Room aggregate's own rule, so every bad field is reported at once.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RoomNameAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || Room.ProblemWithName(value as string) is not { } problem
            ? ValidationResult.Success
            : new ValidationResult(problem, MemberNames(validationContext));

    internal static string[] MemberNames(ValidationContext context) => context.MemberName is { } name ? [name] : [];
}

/// <summary>Checks a request's price per night with the Room aggregate's own rule.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PricePerNightAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not decimal price || Room.ProblemWithPricePerNight(price) is not { } problem
            ? ValidationResult.Success
            : new ValidationResult(problem, RoomNameAttribute.MemberNames(validationContext));
}
