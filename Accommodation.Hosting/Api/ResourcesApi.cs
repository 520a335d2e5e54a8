using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Accommodation.Hosting.Api;

/// <summary>
/// GET /api/resources lists every resource; POST /api/resources/{name}/stop|start|restart acts on a service.
/// Answers come back once the command is done, with the resource as it is then.
/// </summary>
internal static class ResourcesApi
{
    public static void MapResourcesApi(this IEndpointRouteBuilder endpoints, Orchestrator orchestrator)
    {
        var resources = endpoints.MapGroup("/api/resources");
        resources.MapGet("/", () => TypedResults.Ok(orchestrator.Snapshot()));
        resources.MapGet("/{name}", Results<Ok<ResourceSnapshot>, ProblemHttpResult> (string name) =>
            Find(orchestrator, name) is { } resource ? TypedResults.Ok(orchestrator.SnapshotOf(resource)) : NotFound(name));
        resources.MapPost("/{name}/stop", (string name) => CommandAsync(orchestrator, name, orchestrator.StopResourceAsync));
        resources.MapPost("/{name}/start", (string name) => CommandAsync(orchestrator, name, orchestrator.StartResourceAsync));
        resources.MapPost("/{name}/restart", (string name) => CommandAsync(orchestrator, name, orchestrator.RestartResourceAsync));
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
                title: "Not a service",
                detail: $"'{name}' is infrastructure; only services are stopped, started and restarted here.",
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

    private static IResource? Find(Orchestrator orchestrator, string name) =>
        orchestrator.Model.Resources.SingleOrDefault(resource => resource.Name == name);

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem(title: "No such resource", detail: $"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
