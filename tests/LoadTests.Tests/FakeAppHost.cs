using Accommodation.LoadTests.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoadTests.Tests;

/// <summary>
/// The AppHost API in memory, for reservation and payment: resources with replicas, environment overrides and autoscaling,
/// and the commands the scenarios give (redeploy, restart, scale, autoscale), each written to <see cref="Commands"/>.
/// A restart leaves the service down for <see cref="RestartDowntime"/>; turning autoscaling on scales out to three
/// replicas at once, as if load had asked for them. <see cref="FakeGateway"/> asks it whether reservation's breaker is
/// off and which services are down, and counts the calls that reach payment.
/// </summary>
internal sealed class FakeAppHost
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Service> _services = new()
    {
        ["reservation"] = new Service(),
        ["payment"] = new Service { Autoscale = new AutoscaleSettings(1, 10, TargetInFlight: 6, ScaleInCooldown: TimeSpan.FromSeconds(30), Enabled: false) },
    };

    public TimeSpan RestartDowntime { get; init; } = TimeSpan.FromMilliseconds(400);

    public List<string> Commands { get; } = [];

    public bool BreakerOff
    {
        get
        {
            lock (_lock)
            {
                return _services["reservation"].Environment.GetValueOrDefault(CircuitBreakerScenario.MinimumThroughputVariable) == CircuitBreakerScenario.BreakerOff;
            }
        }
    }

    public bool IsDown(string service)
    {
        lock (_lock)
        {
            return DateTimeOffset.UtcNow < _services[service].DownUntil;
        }
    }

    public void CountRequest(string service)
    {
        lock (_lock)
        {
            _services[service].Requests++;
        }
    }

    public ResourceView Resource(string name)
    {
        lock (_lock)
        {
            return View(name);
        }
    }

    public void Map(WebApplication app)
    {
        app.MapGet("/api/resources/{name}", (string name) => Resource(name));
        app.MapPost("/api/resources/{name}/redeploy", async (string name, HttpRequest request) =>
        {
            var body = request.HasJsonContentType() ? await request.ReadFromJsonAsync<RedeployBody>() : null;
            await Task.Delay(100);
            lock (_lock)
            {
                foreach (var (key, value) in body?.Environment ?? [])
                {
                    _services[name].Environment[key] = value;
                }

                Commands.Add($"redeploy {name}" + string.Concat((body?.Environment ?? []).Select(variable => $" {variable.Key}={variable.Value}")));
                return View(name);
            }
        });
        app.MapPost("/api/resources/{name}/restart", async (string name) =>
        {
            lock (_lock)
            {
                _services[name].DownUntil = DateTimeOffset.UtcNow + RestartDowntime;
                Commands.Add($"restart {name}");
            }

            // Answers once the processes run again, as the AppHost does; they are healthy a little later.
            await Task.Delay(RestartDowntime / 2);
            return Resource(name);
        });
        app.MapPost("/api/resources/{name}/scale", (string name, int replicas) =>
        {
            lock (_lock)
            {
                if (_services[name].Autoscale.Enabled)
                {
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible now");
                }

                _services[name].Replicas = replicas;
                Commands.Add($"scale {name} {replicas}");
                return Results.Ok(View(name));
            }
        });
        app.MapPut("/api/resources/{name}/autoscale", (string name, AutoscaleSettings settings) =>
        {
            lock (_lock)
            {
                _services[name].Autoscale = settings;
                if (settings.Enabled)
                {
                    _services[name].Replicas = Math.Min(3, settings.MaxReplicas);
                }

                Commands.Add($"autoscale {name} {(settings.Enabled ? "on" : "off")} {settings.MinReplicas}-{settings.MaxReplicas} target {settings.TargetInFlight}");
                return View(name);
            }
        });
    }

    private ResourceView View(string name)
    {
        var service = _services[name];
        var down = DateTimeOffset.UtcNow < service.DownUntil;
        return new ResourceView(
            name,
            down ? "Starting" : "Healthy",
            $"http://{name}",
            service.Replicas,
            0,
            new Dictionary<string, string>(service.Environment),
            new AutoscaleView(service.Autoscale, null),
            [
                .. Enumerable.Range(0, service.Replicas).Select(replica => new ReplicaView(
                    $"{name}-{replica}", down ? "Starting" : "Ready", !down, replica == 0 ? service.Requests : 0, 0)),
            ]);
    }

    private sealed class Service
    {
        public int Replicas { get; set; } = 1;

        public long Requests { get; set; }

        public DateTimeOffset DownUntil { get; set; }

        public Dictionary<string, string> Environment { get; } = [];

        public AutoscaleSettings Autoscale { get; set; } = new(1, 1, TargetInFlight: 1, Enabled: false);
    }

    private sealed record RedeployBody(Dictionary<string, string>? Environment);
}
