using System.ComponentModel.DataAnnotations;
using Accommodation.Payments.Api.Domain;

namespace Accommodation.Payments.Api.Apis;

/// <summary>Checks a request's customer id with the Payment aggregate's own rule, so every bad field is reported at once.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CustomerIdAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || Payment.ProblemWithCustomerId(value as string) is not { } problem
            ? ValidationResult.Success
            : new ValidationResult(problem, MemberNames(validationContext));

    internal static string[] MemberNames(ValidationContext context) => context.MemberName is { } name ? [name] : [];
}

/// <summary>Checks a request's amount with the Payment aggregate's own rule.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PaymentAmountAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not decimal amount || Payment.ProblemWithAmount(amount) is not { } problem
            ? ValidationResult.Success
            : new ValidationResult(problem, CustomerIdAttribute.MemberNames(validationContext));
}
