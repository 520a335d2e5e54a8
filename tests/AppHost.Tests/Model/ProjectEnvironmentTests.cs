using Accommodation.Hosting;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Orchestration;
using Accommodation.Hosting.Projects;

namespace AppHost.Tests.Model;

public sealed class ProjectEnvironmentTests
{
    [Fact]
    public void A_referenced_database_and_kafka_arrive_as_connection_strings()
    {
        var model = AppHostModel.Load();

        var environment = EnvironmentOf(model, "room");

        Assert.Equal("connection of roomdb", environment["ConnectionStrings__roomdb"]);
        Assert.Equal("connection of kafka", environment["ConnectionStrings__kafka"]);
        Assert.DoesNotContain("ConnectionStrings__cache", environment.Keys);
    }

    [Fact]
    public void A_project_gets_its_own_url_and_the_development_environment()
    {
        var model = AppHostModel.Load();
        var environment = EnvironmentOf(model, "room");

        Assert.Equal(UrlOf(model, "room"), environment["ASPNETCORE_URLS"]);
        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void A_referenced_project_arrives_as_a_service_discovery_endpoint()
    {
        var model = AppHostModel.Load();
        var environment = EnvironmentOf(model, "gateway");

        Assert.Equal(UrlOf(model, "room"), environment["services__room__http__0"]);
        Assert.Equal(UrlOf(model, "roomview"), environment["services__roomview__http__0"]);
        Assert.Equal(UrlOf(model, "reservation"), EnvironmentOf(model, "reservation")["ASPNETCORE_URLS"]);
        Assert.Equal(UrlOf(model, "payment"), EnvironmentOf(model, "reservation")["services__payment__http__0"]);
    }

    [Fact]
    public void Identity_gets_the_gateways_public_address_as_its_issuer_and_a_key_folder_in_the_data_directory()
    {
        var model = AppHostModel.Load("--AppHost:DataDirectory=/tmp/accommodation-test-data");
        var environment = EnvironmentOf(model, "identity");

        Assert.Equal(UrlOf(model, "gateway"), environment["Identity__Issuer"]);
        Assert.Equal("/tmp/accommodation-test-data/identity-keys", environment["Identity__Keys__Directory"]);
        Assert.Equal("connection of identitydb", environment["ConnectionStrings__identitydb"]);
        Assert.Equal(UrlOf(model, "identity"), EnvironmentOf(model, "payment")["services__identity__http__0"]);
    }

    [Fact]
    public void The_web_apps_sign_in_comes_back_through_the_gateway_and_its_cookie_keys_stay_with_the_data()
    {
        var model = AppHostModel.Load("--AppHost:DataDirectory=/tmp/accommodation-test-data");
        var identity = EnvironmentOf(model, "identity");
        var web = EnvironmentOf(model, "web");

        // Index 1: identity's own settings keep http://localhost:5000 as index 0.
        Assert.Equal(UrlOf(model, "gateway").TrimEnd('/') + "/signin-oidc", identity["Identity__Clients__web__RedirectUris__1"]);
        Assert.Equal(UrlOf(model, "gateway").TrimEnd('/') + "/signout-callback-oidc", identity["Identity__Clients__web__PostLogoutRedirectUris__1"]);
        Assert.Equal("/tmp/accommodation-test-data/web-keys", web["WebApp__KeysDirectory"]);
        Assert.Equal(UrlOf(model, "reservation"), web["services__reservation__http__0"]);
        Assert.Equal(UrlOf(model, "web"), EnvironmentOf(model, "gateway")["services__web__http__0"]);
    }

    [Fact]
    public void Reservations_grpc_endpoint_arrives_as_the_url_it_listens_on_for_h2c()
    {
        var model = AppHostModel.Load();
        var replica = new ProjectReplica("reservation", 47100, new Dictionary<string, int> { ["grpc"] = 47101 });

        var environment = ProjectEnvironment.Build(model.Project("reservation"), replica, model, resource => $"connection of {resource.Name}", project => UrlOf(model, project.Name));

        Assert.Equal("http://127.0.0.1:47101", environment["Reservation__GrpcUrl"]);
        Assert.Equal("http://127.0.0.1:47100", environment["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void The_embedded_broker_comes_with_development_client_tuning()
    {
        var environment = EnvironmentOf(AppHostModel.Load(), "roomview");

        Assert.Equal("6000", environment["Aspire__Confluent__Kafka__Consumer__Config__SessionTimeoutMs"]);
        Assert.Equal("1000", environment["Aspire__Confluent__Kafka__Consumer__Config__HeartbeatIntervalMs"]);
        Assert.Equal("10", environment["Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs"]);
        Assert.Equal("5", environment["Aspire__Confluent__Kafka__Producer__Config__LingerMs"]);
    }

    [Fact]
    public void An_external_kafka_cluster_gets_no_development_tuning()
    {
        var environment = EnvironmentOf(AppHostModel.Load("--ConnectionStrings:kafka=broker-1:9092"), "roomview");

        Assert.DoesNotContain(environment.Keys, name => name.StartsWith("Aspire__Confluent__Kafka", StringComparison.Ordinal));
    }

    [Fact]
    public void Services_export_their_telemetry_to_the_apphost_over_otlp_http_unless_another_endpoint_is_configured()
    {
        var environment = EnvironmentOf(AppHostModel.Load("--AppHost:Port=19999"), "room");
        var external = EnvironmentOf(AppHostModel.Load("--AppHost:OtlpEndpoint=http://127.0.0.1:4317", "--AppHost:OtlpProtocol=grpc"), "room");

        Assert.Equal(("room", "service.instance.id=room"), (environment["OTEL_SERVICE_NAME"], environment["OTEL_RESOURCE_ATTRIBUTES"]));
        Assert.Equal(("http://127.0.0.1:19999", "http/protobuf"), (environment["OTEL_EXPORTER_OTLP_ENDPOINT"], environment["OTEL_EXPORTER_OTLP_PROTOCOL"]));
        Assert.Equal(("http://127.0.0.1:4317", "grpc"), (external["OTEL_EXPORTER_OTLP_ENDPOINT"], external["OTEL_EXPORTER_OTLP_PROTOCOL"]));
    }

    [Fact]
    public void Telemetry_to_the_apphost_carries_its_api_key_and_telemetry_sent_elsewhere_does_not()
    {
        var configured = EnvironmentOf(AppHostModel.Load("--Dashboard:Otlp:PrimaryApiKey=k3y"), "room");
        var generated = AppHostModel.Load();
        var unsecured = EnvironmentOf(AppHostModel.Load("--Dashboard:Otlp:AuthMode=Unsecured"), "room");
        var external = EnvironmentOf(AppHostModel.Load("--AppHost:OtlpEndpoint=http://127.0.0.1:4318"), "room");

        Assert.Equal("x-otlp-api-key=k3y", configured["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal(32, generated.OtlpApiKey?.Length);
        Assert.NotEqual(generated.OtlpApiKey, AppHostModel.Load().OtlpApiKey);
        Assert.False(unsecured.ContainsKey("OTEL_EXPORTER_OTLP_HEADERS"));
        Assert.False(external.ContainsKey("OTEL_EXPORTER_OTLP_HEADERS"));
    }

    [Fact]
    public void A_replica_listens_on_its_own_url_while_callers_keep_the_stable_one()
    {
        var model = AppHostModel.Load("--AppHost:OtlpEndpoint=http://127.0.0.1:4317");

        var replica = ProjectEnvironment.Build(
            model.Project("roomview"), new ProjectReplica("roomview-1", 47001), model, resource => $"connection of {resource.Name}", project => UrlOf(model, project.Name));

        Assert.Equal("http://127.0.0.1:47001", replica["ASPNETCORE_URLS"]);
        Assert.Equal("roomview", replica["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=roomview-1", replica["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(UrlOf(model, "roomview"), EnvironmentOf(model, "gateway")["services__roomview__http__0"]);
    }

    [Fact]
    public void Explicit_environment_variables_are_passed_as_given()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.AddProject<Projects.Room_Api>("room").WithEnvironment("Outbox__PollInterval", "00:00:01");

        var environment = EnvironmentOf(builder.Build().Model, "room");

        Assert.Equal("00:00:01", environment["Outbox__PollInterval"]);
    }

    [Fact]
    public void Environment_from_the_apphost_configuration_reaches_that_service_only_and_has_the_last_word()
    {
        var model = AppHostModel.Load(
            "--Resources:reservation:Environment:Messaging__CrashPoints__Directory=/tmp/faults/reservation",
            "--Resources:reservation:Environment:ASPNETCORE_ENVIRONMENT=Production");

        var environment = EnvironmentOf(model, "reservation");

        Assert.Equal("/tmp/faults/reservation", environment["Messaging__CrashPoints__Directory"]);
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.DoesNotContain("Messaging__CrashPoints__Directory", EnvironmentOf(model, "room").Keys);
    }

    private static IReadOnlyDictionary<string, string> EnvironmentOf(DistributedApplicationModel model, string projectName) =>
        ProjectEnvironment.Build(
            model.Project(projectName),
            new ProjectReplica(
                projectName,
                PortOf(model, projectName),
                model.Project(projectName).GetNamedEndpoints().ToDictionary(endpoint => endpoint.Name, _ => 2000 + PortOf(model, projectName))),
            model,
            resource => $"connection of {resource.Name}",
            project => UrlOf(model, project.Name));

    // A distinct made-up address per project, so a test can tell whose address a variable carries.
    private static string UrlOf(DistributedApplicationModel model, string projectName) => $"http://127.0.0.1:{PortOf(model, projectName)}";

    private static int PortOf(DistributedApplicationModel model, string projectName) =>
        1000 + model.Resources.OfType<ProjectResource>().ToList().IndexOf(model.Project(projectName));
}
