using Deploy.Tests.Shapes;

namespace Deploy.Tests;

/// <summary>The consistency check names each way a deployment can drift from the AppHost.</summary>
public sealed class ShapeComparisonTests
{
    private static readonly ServiceShape Reservation = new()
    {
        Name = "reservation",
        Endpoints = new Dictionary<string, int?> { ["http"] = null, ["grpc"] = null },
        Connections = new HashSet<string> { "reservationdb", "kafka" },
        References = new HashSet<string> { "payment", "identity" },
        Settings = new HashSet<string> { "Reservation__GrpcUrl" },
        External = false,
        MinReplicas = 1,
        StartupPath = "/health",
        ReadinessPath = "/health",
        LivenessPath = "/alive",
    };

    private static readonly ServiceShape Deployed = Reservation with
    {
        Endpoints = new Dictionary<string, int?> { ["http"] = 8080, ["grpc"] = 8081 },
        Settings = new HashSet<string> { "Reservation__GrpcUrl", "OTEL_SERVICE_NAME" },
        MaxReplicas = 5,
    };

    private static readonly Dictionary<string, IReadOnlySet<int>> ImagePorts = new() { ["reservation"] = new HashSet<int> { 8080, 8081 } };

    [Fact]
    public void A_deployment_that_gives_what_the_AppHost_gives_has_no_difference()
    {
        Assert.Empty(ShapeComparison.Differences([Reservation], [Deployed], ImagePorts));
    }

    public static TheoryData<string, ServiceShape> Drifts => new()
    {
        { "endpoints [http], the AppHost has [grpc, http]", Deployed with { Endpoints = new Dictionary<string, int?> { ["http"] = 8080 } } },
        { "endpoint grpc on port 9090, the image declares [8080, 8081]", Deployed with { Endpoints = new Dictionary<string, int?> { ["http"] = 8080, ["grpc"] = 9090 } } },
        { "connection strings [kafka, reservations], the AppHost gives [kafka, reservationdb]", Deployed with { Connections = new HashSet<string> { "reservations", "kafka" } } },
        { "services [identity], the AppHost gives [identity, payment]", Deployed with { References = new HashSet<string> { "identity" } } },
        { "not given [Reservation__GrpcUrl]", Deployed with { Settings = new HashSet<string>() } },
        { "reachable from outside, the AppHost keeps it inside", Deployed with { External = true } },
        { "readiness probe on /healthz, the AppHost probes /health", Deployed with { ReadinessPath = "/healthz" } },
        { "liveness probe on nothing, the AppHost probes /alive", Deployed with { LivenessPath = null } },
        { "start-up probe on /alive, the AppHost waits on /health", Deployed with { StartupPath = "/alive" } },
        { "at least 2 replicas, the AppHost runs 1", Deployed with { MinReplicas = 2 } },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public void A_drift_is_named(string difference, ServiceShape deployed)
    {
        Assert.Equal([$"reservation: {difference}"], ShapeComparison.Differences([Reservation], [deployed], ImagePorts));
    }

    [Fact]
    public void A_missing_or_an_extra_service_is_named()
    {
        Assert.Equal(["reservation: in the AppHost, but not deployed"], ShapeComparison.Differences([Reservation], [], ImagePorts));
        Assert.Equal(["reserve: deployed, but not in the AppHost", "reservation: in the AppHost, but not deployed"], ShapeComparison.Differences([Reservation], [Deployed with { Name = "reserve" }], ImagePorts));
    }

    [Fact]
    public void An_autoscaled_service_must_keep_the_AppHosts_ceiling_and_the_dev_overlay_may_run_fewer()
    {
        var autoscaled = Reservation with { MaxReplicas = 10 };

        Assert.Equal(["reservation: at most 5 replicas, the AppHost scales to 10"], ShapeComparison.Differences([autoscaled], [Deployed], ImagePorts));
        Assert.Empty(ShapeComparison.Differences([autoscaled], [Deployed], ImagePorts, compareReplicas: false));
    }
}
