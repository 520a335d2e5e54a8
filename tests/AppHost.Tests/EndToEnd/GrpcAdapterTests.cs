using Accommodation.Reservations.Api.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// The running system's reservation service speaks gRPC on its own h2c endpoint (shown by the AppHost API), over the
/// same application service as REST: what one adapter does, the other sees.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class GrpcAdapterTests(RunningSystem system, ITestOutputHelper testOutput) : RunningSystemTests(system, testOutput)
{
    [Fact]
    public async Task A_stay_reserved_over_grpc_is_paid_over_rest_and_read_back_confirmed_over_grpc()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 70_000);
        var reservation = await Resources.GetAsync("reservation");
        var grpcUrl = AppHostResources.Replicas(reservation).Single().GetProperty("endpoints").GetProperty("grpc").GetString()!;
        // The customer's token in every call's metadata, as the REST calls carry it.
        var token = await Running.Tokens.GetAsync(Client.Customer, CancellationToken.None);
        var bearer = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(grpcUrl, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, bearer),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        var grpc = new Reservations.ReservationsClient(channel);
        var checkIn = BookingClient.Today().AddDays(60);
        var request = new ReserveRequest
        {
            RoomNumber = room,
            CheckIn = checkIn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            CheckOut = checkIn.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };

        var held = await ReserveWhenRoomIsKnownAsync(grpc, request);
        Assert.Equal("Held", held.Status);
        Assert.Equal(Client.Customer, held.CustomerId);
        Assert.Equal("140000.00", held.TotalPrice);

        await Client.PayAsync(held.ReservationNumber);

        var read = await grpc.GetAsync(new ReservationNumberRequest { ReservationNumber = held.ReservationNumber });
        Assert.Equal("Confirmed", read.Status);
        Assert.NotEmpty(read.PaymentId);
        var overlap = await Assert.ThrowsAsync<RpcException>(() => grpc.ReserveAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, overlap.StatusCode);
    }

    // Reservation learns of a new room from room-events, a moment after it is registered.
    private static async Task<ReservationReply> ReserveWhenRoomIsKnownAsync(Reservations.ReservationsClient grpc, ReserveRequest request)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await grpc.ReserveAsync(request);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
        }
    }
}
