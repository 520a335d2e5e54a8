using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class ProblemDetailsExtensions
{
    // Every error leaves as RFC 9457 problem details, and malformed requests are the client's 4xx, not our 500.
    public static TBuilder AddDefaultProblemDetails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails(options =>
            // Error keys name the JSON fields the client sent ("pricePerNight"), not our C# properties.
            options.CustomizeProblemDetails = context =>
            {
                if (context.ProblemDetails is HttpValidationProblemDetails validation)
                {
                    validation.Errors = validation.Errors.ToDictionary(
                        error => CamelCasePath(error.Key), error => error.Value);
                }
            });
        builder.Services.AddExceptionHandler<BadHttpRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        // Malformed requests throw, so the problem details say what was wrong, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    // "Stay.CheckIn" → "stay.checkIn": every segment, as the JSON the client sent spells it.
    private static string CamelCasePath(string key) =>
        string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}

internal sealed partial class BadHttpRequestExceptionHandler(IProblemDetailsService problemDetails) : ProblemExceptionHandler(problemDetails)
{
    protected override ProblemDetails? ProblemFor(Exception exception) => exception switch
    {
        BadHttpRequestException badRequest => Malformed(badRequest),
        // ReadFromJsonAsync refuses a charset .NET has no encoding for with an InvalidOperationException, not a bad request.
        InvalidOperationException { TargetSite.DeclaringType: var thrower, InnerException: ArgumentException } when thrower == typeof(HttpRequestJsonExtensions)
            => new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "The request's charset is not supported.",
                Detail = exception.Message,
            },
        _ => null,
    };

    private static ProblemDetails Malformed(BadHttpRequestException badRequest)
    {
        var detail = Describe(badRequest);
        var problem = FieldAtFault(badRequest) is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
            : new ProblemDetails();
        problem.Status = badRequest.StatusCode;
        problem.Title = "The request is malformed.";
        problem.Detail = detail;
        return problem;
    }

    // System.Text.Json names our CLR types in its messages; the client only needs the JSON path.
    private static string Describe(BadHttpRequestException badRequest) => badRequest.InnerException switch
    {
        JsonException { Path: { } path } json when IsUnconvertible(json)
            => $"The value at '{path}' has the wrong type or is not one of the allowed values.",
        { } inner => inner.Message,
        null => badRequest.Message,
    };

    // The one input to blame, when there is one: a JSON property of the wrong type, or a route, query or header value that does not bind.
    private static string? FieldAtFault(BadHttpRequestException badRequest) => badRequest.InnerException switch
    {
        JsonException { Path: ['$', '.', .. var path] } json when IsUnconvertible(json) => path,
        null when UnboundParameter().Match(badRequest.Message) is { Success: true } unbound => unbound.Groups["name"].Value,
        _ => null,
    };

    private static bool IsUnconvertible(JsonException json) =>
        json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);

    // RequestDelegateFactory's wording: Failed to bind parameter "int PageIndex" from "x". / Required parameter "Guid id" was not provided from route.
    [GeneratedRegex("""^(Failed to bind parameter "[^"]+ (?<name>[^" ]+)" from|Required parameter "[^"]+ (?<name>[^" ]+)" was not provided from (?!body))""")]
    private static partial Regex UnboundParameter();
}
