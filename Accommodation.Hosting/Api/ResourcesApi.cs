using System.Runtime.CompilerServices;
using System.Text.Json;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Accommodation.Hosting.Api;

/// <summary>
/// GET /api/resources lists every resource (with ?watch=true, as server-sent events: now and at every change); POST /api/resources/{name}/stop|start|restart acts on a service or on the
/// infrastructure the AppHost runs (the embedded broker goes down and up with its messages kept), redeploy|scale on a
/// service, PUT /api/resources/{name}/autoscale sets its autoscaling, and
/// POST /api/resources/{name}/replicas/{replica}/fail-liveness breaks one replica's /alive.
/// Answers come back once the command is done, with the resource as it is then.
/// </summary>
internal static class ResourcesApi
{
    // Two cores: more processes than this only compete with each other.
    private const int MaxReplicas = 10;

    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(500);

    public static void MapResourcesApi(this IEndpointRouteBuilder endpoints, Orchestrator orchestrator)
    {
        var resources = endpoints.MapGroup("/api/resources");
        resources.MapGet("/", (bool? watch, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, CancellationToken requestAborted) => watch == true
            ? TypedResults.ServerSentEvents(WatchAsync(orchestrator, json.Value.SerializerOptions, requestAborted, lifetime.ApplicationStopping), eventType: "resources")
            : (IResult)TypedResults.Ok(orchestrator.Snapshot()));
        resources.MapGet("/{name}", Results<Ok<ResourceSnapshot>, ProblemHttpResult> (string name) =>
            Find(orchestrator, name) is { } resource ? TypedResults.Ok(orchestrator.SnapshotOf(resource)) : NotFound(name));
        resources.MapPost("/{name}/stop", (string name) => CommandAsync(orchestrator, name, orchestrator.StopResourceAsync));
        resources.MapPost("/{name}/start", (string name) => CommandAsync(orchestrator, name, orchestrator.StartResourceAsync));
        resources.MapPost("/{name}/restart", (string name) => CommandAsync(orchestrator, name, orchestrator.RestartResourceAsync));
        resources.MapPost("/{name}/redeploy", (string name, bool? build, RedeployRequest? request) =>
            CommandAsync(orchestrator, name, resource => orchestrator.RedeployResourceAsync(resource, build ?? false, request?.Environment)));
        resources.MapPost("/{name}/scale", (string name, int replicas) => replicas is < 1 or > MaxReplicas
            ? Task.FromResult<Results<Ok<ResourceSnapshot>, ProblemHttpResult>>(TypedResults.Problem(
                title: "Invalid replica count", detail: $"replicas must be between 1 and {MaxReplicas}.", statusCode: StatusCodes.Status400BadRequest))
            : CommandAsync(orchestrator, name, resource => orchestrator.ScaleResourceAsync(resource, replicas)));
        resources.MapPut("/{name}/autoscale", Results<Ok<ResourceSnapshot>, ProblemHttpResult> (string name, AutoscaleAnnotation settings) =>
        {
            if (Find(orchestrator, name) is not { } resource || orchestrator.AutoscalerOf(resource) is not { } autoscaler)
            {
                return NotFound(name);
            }

            var problem = settings.Problem() ?? (settings.MaxReplicas > MaxReplicas ? $"MaxReplicas must not exceed {MaxReplicas}." : null);
            if (problem is not null)
            {
                return TypedResults.Problem(title: "Invalid autoscaling settings", detail: problem, statusCode: StatusCodes.Status400BadRequest);
            }

            autoscaler.Settings = settings;
            return TypedResults.Ok(orchestrator.SnapshotOf(resource));
        });
        resources.MapPost("/{name}/replicas/{replica}/fail-liveness", Results<Ok<ResourceSnapshot>, ProblemHttpResult> (string name, string replica) =>
            Find(orchestrator, name) is not { } resource ? NotFound(name)
            : orchestrator.BreakLiveness(resource, replica) ? TypedResults.Ok(orchestrator.SnapshotOf(resource))
            : TypedResults.Problem(title: "No such replica", detail: $"'{name}' has no running replica '{replica}' with a liveness file.", statusCode: StatusCodes.Status404NotFound));
    }

    private static async Task<Results<Ok<ResourceSnapshot>, ProblemHttpResult>> CommandAsync(Orchestrator orchestrator, string name, Func<IResource, Task> command)
    {
        if (Find(orchestrator, name) is not { } resource)
        {
            return NotFound(name);
        }

        if (!Orchestrator.CanCommand(resource))
        {
            return TypedResults.Problem(
                title: "Not stoppable here",
                detail: $"'{name}' is not run by this AppHost as a process of its own (a database goes with its server; an external server is not ours).",
                statusCode: StatusCodes.Status409Conflict);
        }

        try
        {
            await command(resource);
        }
        catch (InvalidOperationException exception)
        {
            return TypedResults.Problem(title: "Not possible now", detail: exception.Message, statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Ok(orchestrator.SnapshotOf(resource));
    }

    // Every resource now, then again whenever anything in it changed; a replica's request count changes it too. An open
    // page must not hold up the AppHost's stop: the stream ends when the request or the host does.
    private static async IAsyncEnumerable<IReadOnlyList<ResourceSnapshot>> WatchAsync(
        Orchestrator orchestrator, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken requestAborted, CancellationToken stopping)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var cancellationToken = ended.Token;
        string? sent = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var snapshot = orchestrator.Snapshot();
            var serialized = JsonSerializer.Serialize(snapshot, json);
            if (serialized != sent)
            {
                sent = serialized;
                yield return snapshot;
            }

            try
            {
                await Task.Delay(WatchInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static IResource? Find(Orchestrator orchestrator, string name) =>
        orchestrator.Model.Resources.SingleOrDefault(resource => resource.Name == name);

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem(title: "No such resource", detail: $"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>Optional body of a redeploy: environment variables the new replicas get on top of the model's, like `kubectl set env`.</summary>
internal sealed record RedeployRequest(IReadOnlyDictionary<string, string>? Environment);
