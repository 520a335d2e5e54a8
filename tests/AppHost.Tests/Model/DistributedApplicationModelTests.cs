using Accommodation.Hosting;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Kafka;
using Accommodation.Hosting.Postgres;
using Accommodation.Hosting.Redis;

namespace AppHost.Tests.Model;

public sealed class DistributedApplicationModelTests
{
    [Fact]
    public void Services_wait_for_their_infrastructure_and_the_gateway_for_the_services()
    {
        var model = AppHostModel.Load();

        Assert.Equal(["roomdb", "kafka"], Names(model.Get("room").GetWaitDependencies()));
        Assert.Equal(["cache", "kafka"], Names(model.Get("roomview").GetWaitDependencies()));
        Assert.Equal(["paymentdb", "kafka"], Names(model.Get("payment").GetWaitDependencies()));
        Assert.Equal(["notificationdb", "kafka"], Names(model.Get("notification").GetWaitDependencies()));
        Assert.Equal(["room", "roomview", "reservation", "payment", "notification", "identity", "web"], Names(model.Get("gateway").GetWaitDependencies()));
        Assert.Equal(["identitydb"], Names(model.Get("identity").GetWaitDependencies()));
        // The web app needs identity to sign anyone in; the services it calls may come and go (a page says so).
        Assert.Equal(["identity"], Names(model.Get("web").GetWaitDependencies()));
        Assert.Empty(model.Get("kafka").GetWaitDependencies());
    }

    [Fact]
    public void Every_service_knows_identity_without_waiting_for_it_and_identity_names_the_gateway_as_its_issuer()
    {
        var model = AppHostModel.Load();

        foreach (var service in new[] { "room", "roomview", "reservation", "payment", "notification", "gateway" })
        {
            // Tokens are checked against keys fetched once; a service starts, and takes reservations, while identity is down.
            Assert.Contains(model.Get("identity"), model.Get(service).GetReferences());
            Assert.DoesNotContain(model.Get("identity"), model.Get(service).GetWaitDependencies().Where(_ => service != "gateway"));
        }

        var issuer = Assert.Single(model.Get("identity").Annotations.OfType<EndpointEnvironmentAnnotation>(), annotation => annotation.Name == "Identity__Issuer");
        Assert.Same(model.Get("gateway"), issuer.Endpoint.Resource);
    }

    [Fact]
    public void Reservations_are_taken_while_payment_is_down_so_reservation_references_payment_without_waiting()
    {
        var model = AppHostModel.Load();

        Assert.Equal(["reservationdb", "kafka"], Names(model.Get("reservation").GetWaitDependencies()));
        Assert.Contains(model.Get("payment"), model.Get("reservation").GetReferences());
    }

    [Fact]
    public void A_database_depends_on_its_server()
    {
        var model = AppHostModel.Load();

        var database = Assert.IsType<PostgresDatabaseResource>(model.Get("roomdb"));

        Assert.Same(model.Get("postgres"), database.Parent);
        Assert.Equal(["postgres"], Names(database.GetDependencies()));
    }

    [Fact]
    public void Infrastructure_uses_the_fixed_ports_from_appsettings_unless_overridden()
    {
        var defaults = AppHostModel.Load();
        var overridden = AppHostModel.Load("--Resources:kafka:Port=19092", "--Resources:postgres:Port=15433", "--Resources:cache:Port=16380", "--Resources:gateway:Port=15000");

        Assert.Equal(9092, ((KafkaResource)defaults.Get("kafka")).Port);
        Assert.Equal(5433, ((PostgresServerResource)defaults.Get("postgres")).Port);
        Assert.Equal(6380, ((RedisResource)defaults.Get("cache")).Port);
        Assert.Equal(5000, defaults.Get("gateway").GetHttpEndpoint()!.Port);
        Assert.Null(defaults.Get("room").GetHttpEndpoint()!.Port);

        Assert.Equal(19092, ((KafkaResource)overridden.Get("kafka")).Port);
        Assert.Equal(15433, ((PostgresServerResource)overridden.Get("postgres")).Port);
        Assert.Equal(16380, ((RedisResource)overridden.Get("cache")).Port);
        Assert.Equal(15000, overridden.Get("gateway").GetHttpEndpoint()!.Port);
    }

    [Fact]
    public void A_configured_connection_string_makes_a_resource_external()
    {
        var model = AppHostModel.Load(
            "--ConnectionStrings:kafka=broker-1:9092",
            "--ConnectionStrings:postgres=Host=db;Username=app;Password=secret",
            "--ConnectionStrings:cache=redis:6379");

        Assert.Equal("broker-1:9092", ((KafkaResource)model.Get("kafka")).BootstrapServers);
        Assert.False(((KafkaResource)model.Get("kafka")).IsEmbedded);
        Assert.False(((PostgresServerResource)model.Get("postgres")).IsLocal);
        Assert.Equal("redis:6379", ((RedisResource)model.Get("cache")).ConnectionString);
    }

    [Fact]
    public void Local_servers_keep_their_data_under_the_configured_data_directory()
    {
        var model = AppHostModel.Load("--AppHost:DataDirectory=/var/tmp/accommodation-data");

        Assert.Equal("/var/tmp/accommodation-data", model.DataDirectory);
        Assert.Equal("/var/tmp/accommodation-data/postgres", ((PostgresServerResource)model.Get("postgres")).DataDirectory);
        Assert.Equal("/var/tmp/accommodation-data/cache", ((RedisResource)model.Get("cache")).DataDirectory);
    }

    [Fact]
    public void Every_declared_topic_comes_with_a_one_partition_dead_letter_topic()
    {
        var kafka = (KafkaResource)AppHostModel.Load().Get("kafka");

        Assert.Equal(
            [
                new KafkaTopic("room-events", 4), new KafkaTopic("room-events.dlt", 1),
                new KafkaTopic("reservation-events", 4), new KafkaTopic("reservation-events.dlt", 1),
                new KafkaTopic("payment-events", 4), new KafkaTopic("payment-events.dlt", 1),
            ],
            kafka.Topics);
    }

    [Fact]
    public void Only_the_gateway_is_an_external_endpoint()
    {
        var model = AppHostModel.Load();

        Assert.Equal(["gateway"], Names(model.Resources.Where(resource => resource.GetHttpEndpoint() is { IsExternal: true })));
    }

    [Fact]
    public void The_event_consumers_notification_and_roomview_run_as_two_replicas_the_rest_as_one()
    {
        var model = AppHostModel.Load();

        Assert.Equal(["notification", "roomview"], Names(model.Resources.Where(resource => resource.GetReplicaCount() == 2)));
        Assert.All(model.Resources.Where(resource => resource.Name is not ("notification" or "roomview")), resource => Assert.Equal(1, resource.GetReplicaCount()));
        Assert.Equal(3, AppHostModel.Load("--Resources:roomview:Replicas=3").Get("roomview").GetReplicaCount());
    }

    [Fact]
    public void Reservation_alone_has_a_grpc_endpoint_passed_as_its_grpc_url()
    {
        var model = AppHostModel.Load();

        Assert.Equal(["reservation"], Names(model.Resources.Where(resource => resource.GetNamedEndpoints().Any())));
        Assert.Equal(new NamedEndpointAnnotation("grpc", "Reservation__GrpcUrl"), model.Get("reservation").GetNamedEndpoints().Single());
    }

    [Fact]
    public void A_replica_count_below_one_is_rejected()
    {
        var builder = DistributedApplication.CreateBuilder([]);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddProject<Projects.Room_Api>("room").WithReplicas(0));
    }

    [Fact]
    public void Resource_names_are_unique()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.AddRedis("cache");

        Assert.Throws<InvalidOperationException>(() => builder.AddRedis("cache"));
    }

    [Theory]
    [InlineData("Room")]
    [InlineData("room_db")]
    [InlineData("1room")]
    public void Resource_names_are_lower_case_kebab(string name)
    {
        var builder = DistributedApplication.CreateBuilder([]);

        Assert.Throws<ArgumentException>(() => builder.AddRedis(name));
    }

    [Fact]
    public void Waiting_in_a_circle_is_rejected_when_the_model_is_built()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var room = builder.AddProject<Projects.Room_Api>("room");
        var roomView = builder.AddProject<Projects.RoomView_Api>("roomview").WaitFor(room);
        room.WaitFor(roomView);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("depends on itself", error.Message, StringComparison.Ordinal);
    }

    private static string[] Names(IEnumerable<IResource> resources) => resources.Select(resource => resource.Name).ToArray();
}
