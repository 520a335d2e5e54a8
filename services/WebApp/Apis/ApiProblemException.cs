using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.WebApp.Apis;

/// <summary>A service refused a request: its status and its RFC 9457 problem details, to show the user.</summary>
public sealed class ApiProblemException(HttpStatusCode status, ProblemDetails? problem)
    : Exception(problem?.Detail ?? problem?.Title ?? $"The service answered {(int)status}.")
{
    public HttpStatusCode Status { get; } = status;

    public ProblemDetails? Problem { get; } = problem;

    /// <summary>The field errors of a validation problem (400), by field name.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = problem?.Extensions.TryGetValue("errors", out var errors) == true && errors is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } json
        ? json.EnumerateObject().ToDictionary(field => field.Name, field => field.Value.EnumerateArray().Select(error => error.GetString() ?? "").ToArray(), StringComparer.OrdinalIgnoreCase)
        : new Dictionary<string, string[]>();
}
