using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Rooms.Tests.Functional;

/// <summary>
/// The real room API over a fresh PostgreSQL database and the embedded Kafka broker, trusting the tests' own tokens
/// (<see cref="TestTokens"/>) in place of identity's.
/// </summary>
public sealed class RoomApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string RoomEventsTopic = "room-events";
    public const string ReservationEventsTopic = "reservation-events";

    /// <summary>The audience the service accepts: its name.</summary>
    public const string Audience = "room";

    private string _roomDb = "";

    public string KafkaBootstrapServers { get; private set; } = "";

    /// <summary>The service's clock: real time from noon at the hotel on a fixed day, so the tests know what "today" is.</summary>
    internal ShiftedClock Clock { get; } = new(new DateTimeOffset(2031, 3, 10, 12, 0, 0, TimeSpan.FromHours(9)));

    internal static TimeZoneInfo HotelTimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _roomDb = await infrastructure.CreateDatabaseAsync("room");
        KafkaBootstrapServers = infrastructure.KafkaBootstrapServers;
        await infrastructure.CreateTopicAsync(RoomEventsTopic, partitions: 4);
        await infrastructure.CreateTopicAsync(ReservationEventsTopic, partitions: 4);
        await infrastructure.CreateTopicAsync($"{ReservationEventsTopic}.dlt");
        // Start now, so migrations run once here and not inside the first test's timing.
        _ = Server;
    }

    /// <summary>A client whose requests carry <paramref name="token"/>.</summary>
    public HttpClient CreateClient(string token) => CreateClient().UseBearer(token);

    /// <summary>A manager's client: registers, changes and checks out rooms, and browses them like anyone.</summary>
    public HttpClient CreateManagerClient() => CreateClient(TestTokens.Manager(Audience));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:roomdb", _roomDb);
        builder.UseSetting("ConnectionStrings:kafka", KafkaBootstrapServers);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock).AcceptTestTokens());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(nameof(RoomApiCollection))]
public sealed class RoomApiCollection : ICollectionFixture<RoomApiFactory>;
