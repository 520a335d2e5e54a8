using System.Net;
using Accommodation.Hosting.Networking;
using Accommodation.Reservations.Api.Grpc;
using Accommodation.Reservations.Tests.Functional;
using Accommodation.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Reservations.Tests.Grpc;

/// <summary>The service on real Kestrel, given one plain-http URL as the AppHost does, plus Reservation:GrpcUrl.</summary>
public sealed class KestrelFactory : ReservationApiFactory
{
    public string RestAddress { get; } = $"http://127.0.0.1:{FreePort.Find()}";

    public string GrpcAddress { get; } = $"http://127.0.0.1:{FreePort.Find()}";

    public IReadOnlyCollection<string> BoundAddresses { get; private set; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", RestAddress);
        builder.UseSetting("Reservation:GrpcUrl", GrpcAddress);
    }

    protected override void StartHost()
    {
        UseKestrel();
        StartServer();
        BoundAddresses = [.. Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];
    }
}

[CollectionDefinition(nameof(KestrelCollection))]
public sealed class KestrelCollection : ICollectionFixture<KestrelFactory>;

[Collection(nameof(KestrelCollection))]
public sealed class KestrelProtocolsTests(KestrelFactory factory)
{
    [Fact]
    public void Kestrel_listens_on_the_rest_url_and_the_grpc_url_and_nothing_else() =>
        Assert.Equal(
            new[] { factory.GrpcAddress, factory.RestAddress }.Order(StringComparer.Ordinal),
            factory.BoundAddresses.Order(StringComparer.Ordinal));

    [Fact]
    public async Task Rest_answers_http_1_1_clients_on_the_rest_url()
    {
        using var http = new HttpClient().UseBearer(TestTokens.Customer("h2c", ReservationApiFactory.Audience));
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{factory.RestAddress}/api/v1/reservations/R-20000101-000000")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

        await ProblemAssert.IsProblemAsync(response, 404);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task Grpc_answers_over_h2c_on_the_grpc_url()
    {
        var room = await factory.RegisterRoomAsync();
        using var channel = GrpcChannel.ForAddress(factory.GrpcAddress);
        var client = channel.AsCaller(TestTokens.Customer("h2c", ReservationApiFactory.Audience));
        var checkIn = ReservationScenarios.Day(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var checkOut = ReservationScenarios.Day(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var reserved = await client.ReserveAsync(new ReserveRequest { RoomNumber = room, CheckIn = checkIn, CheckOut = checkOut });
        var notFound = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetAsync(new ReservationNumberRequest { ReservationNumber = "R-20000101-000000" }).ResponseAsync);

        Assert.Equal("Held", reserved.Status);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
    }
}
