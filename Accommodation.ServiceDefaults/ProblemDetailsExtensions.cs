using System.Text.Json;
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
        // Malformed requests throw, so the problem details say what was wrong, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    // "Stay.CheckIn" → "stay.checkIn": every segment, as the JSON the client sent spells it.
    private static string CamelCasePath(string key) =>
        string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}

internal sealed class BadHttpRequestExceptionHandler(IProblemDetailsService problemDetails) : ProblemExceptionHandler(problemDetails)
{
    protected override ProblemDetails? ProblemFor(Exception exception) => exception is BadHttpRequestException badRequest
        ? new ProblemDetails
        {
            Status = badRequest.StatusCode,
            Title = "The request is malformed.",
            Detail = Describe(badRequest),
        }
        : null;

    // System.Text.Json names our CLR types in its messages; the client only needs the JSON path.
    private static string Describe(BadHttpRequestException badRequest) => badRequest.InnerException switch
    {
        JsonException { Path: { } path } json when json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            => $"The value at '{path}' has the wrong type or is not one of the allowed values.",
        { } inner => inner.Message,
        null => badRequest.Message,
    };
}
