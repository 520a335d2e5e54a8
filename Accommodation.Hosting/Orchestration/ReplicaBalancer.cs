using System.Net;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Accommodation.Hosting.Orchestration;

/// <summary>
/// The one stable endpoint of a replicated project: forwards each request to the healthy replica with the fewest
/// requests in flight. It is transparent (headers, trace context and streams pass unchanged), like Aspire's proxy.
/// </summary>
internal sealed class ReplicaBalancer(string resourceName, int port)
{
    private static readonly HttpMessageInvoker Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        // The caller's traceparent passes through untouched: the balancer is not a hop in the trace.
        ActivityHeadersPropagator = null,
    });

    // Long enough for roomview's server-sent-event streams, which stay quiet between changes.
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromMinutes(30) };

    // Choosing a replica and counting the request on it happen under this lock, and so does taking a replica out of
    // rotation: once Remove returns, no new request reaches that replica and its in-flight count can only fall.
    private readonly Lock _rotationLock = new();
    private List<ProjectReplica> _rotation = [];
    private int _next;

    public string ResourceName { get; } = resourceName;

    public int Port { get; } = port;

    /// <summary>The replicas requests may go to (each still only while healthy).</summary>
    public IReadOnlyList<ProjectReplica> Replicas
    {
        get
        {
            lock (_rotationLock)
            {
                return [.. _rotation];
            }
        }

        set
        {
            lock (_rotationLock)
            {
                _rotation = [.. value];
            }
        }
    }

    public void Add(ProjectReplica replica)
    {
        lock (_rotationLock)
        {
            _rotation = [.. _rotation, replica];
        }
    }

    public void Remove(ProjectReplica replica)
    {
        lock (_rotationLock)
        {
            _rotation = [.. _rotation.Where(other => other != replica)];
        }
    }

    /// <summary>
    /// The healthy replica with the fewest requests in flight (ties go round-robin so idle replicas share the work),
    /// with the request already counted on it.
    /// </summary>
    private ProjectReplica? ChooseAndBegin()
    {
        lock (_rotationLock)
        {
            var chosen = ChooseLocked();
            chosen?.BeginRequest();
            return chosen;
        }
    }

    private ProjectReplica? ChooseLocked()
    {
        var start = ++_next;
        ProjectReplica? chosen = null;
        for (var offset = 0; offset < _rotation.Count; offset++)
        {
            var candidate = _rotation[(int)((uint)(start + offset) % _rotation.Count)];
            if (candidate.IsHealthy && (chosen is null || candidate.InFlight < chosen.InFlight))
            {
                chosen = candidate;
            }
        }

        return chosen;
    }

    public async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder)
    {
        if (ChooseAndBegin() is not { } replica)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await Results.Problem(
                title: "Service unavailable",
                detail: $"No replica of '{ResourceName}' is healthy right now.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }

        try
        {
            var error = await forwarder.SendAsync(context, replica.Url, Client, RequestConfig, HttpTransformer.Empty);
            if (error == ForwarderError.Request && context.GetForwarderErrorFeature()?.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                // It refused the connection, so it is gone: stop sending it requests before the next probe says so.
                replica.IsHealthy = false;
            }
        }
        finally
        {
            replica.EndRequest();
        }
    }

    public override string ToString() => $"{ResourceName} on :{Port} → {string.Join(", ", Replicas.Select(replica => replica.Name))}";
}
