using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Accommodation.Dashboard.ConsoleLogs;

/// <summary>
/// GET /api/console reads the kept console lines (one resource or all, filtered by text); GET /api/console/stream sends the
/// newest of them and then every new one as it is written, as server-sent events.
/// </summary>
public static class ConsoleLogApi
{
    private const int DefaultLimit = 500;
    private const int MaxLimit = 5_000;

    public static IEndpointRouteBuilder MapConsoleLogApi(this IEndpointRouteBuilder endpoints, ConsoleLogStore store)
    {
        var api = endpoints.MapGroup("/api/console");

        api.MapGet("/", (string? resource, string? text, long? after, int? limit) =>
            Invalid(limit, after) ?? Results.Ok(store.Read(resource, text, after ?? 0, limit ?? DefaultLimit)));

        api.MapGet("/stream", (string? resource, string? text, int? limit, IHostApplicationLifetime lifetime, CancellationToken requestAborted) =>
            Invalid(limit, after: null) ?? TypedResults.ServerSentEvents(
                FollowAsync(store, resource, text, limit ?? DefaultLimit, requestAborted, lifetime.ApplicationStopping), eventType: "lines"));

        return endpoints;
    }

    // The newest lines first, then each batch of new ones; a batch is the lines written since the previous one.
    // An open page must not hold up the AppHost's stop: the stream ends when the request or the host does.
    private static async IAsyncEnumerable<IReadOnlyList<ConsoleLine>> FollowAsync(
        ConsoleLogStore store, string? resource, string? text, int limit, [EnumeratorCancellation] CancellationToken requestAborted, CancellationToken stopping)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var cancellationToken = ended.Token;
        var last = store.LastNumber;
        yield return store.Read(resource, text, after: 0, limit);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await store.WaitForLinesAfterAsync(last, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            var newest = store.LastNumber;
            var lines = store.Read(resource, text, last, MaxLimit);
            last = newest;
            if (lines.Count > 0)
            {
                yield return lines;
            }
        }
    }

    private static IResult? Invalid(int? limit, long? after)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"A limit is 1 to {MaxLimit}."];
        }

        if (after is < 0)
        {
            errors["after"] = ["'after' is a line number, 0 or more."];
        }

        return errors.Count == 0 ? null : Results.ValidationProblem(errors);
    }
}
