using Accommodation.Reservations.Api.Grpc;
using Accommodation.Reservations.Tests.Functional;
using Accommodation.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using ReservationsService = Accommodation.Reservations.Api.Grpc.Reservations;

namespace Accommodation.Reservations.Tests.Grpc;

/// <summary>The gRPC adapter keeps the REST rules: Unauthenticated, PermissionDenied, and NotFound for another customer's.</summary>
[Collection(nameof(ReservationApiCollection))]
public sealed class GrpcAuthorizationTests(ReservationApiFactory factory, KimsReservation kims) : IClassFixture<KimsReservation>, IDisposable
{
    private const string Missing = "R-20000101-000000";

    private static readonly string[] Methods = ["Reserve", "Get", "Pay", "Cancel", "CheckOut"];

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = factory.Server.CreateHandler(),
    });

    public static TheoryData<string, string> MethodsAndRefusedTokens() => TestTokens.WithEachRefusedToken(Methods);

    [Theory]
    [MemberData(nameof(MethodsAndRefusedTokens))]
    public async Task Every_method_answers_a_missing_or_invalid_token_with_unauthenticated_and_changes_nothing(string method, string token)
    {
        var (room, number) = await kims.GetAsync(factory);
        var refusedToken = TestTokens.RefusedToken(ReservationApiFactory.Audience, token);
        var client = refusedToken is null ? new ReservationsService.ReservationsClient(_channel) : _channel.AsCaller(refusedToken);

        Assert.Equal(StatusCode.Unauthenticated, await StatusOf(Call(client, method, room, number)));
        await KimsReservation.AssertUnchangedAsync(factory, room, number);
    }

    [Theory]
    [InlineData("Reserve", "manager")]
    [InlineData("Pay", "manager")]
    [InlineData("CheckOut", "kim")]
    [InlineData("Get", "service")]
    [InlineData("Cancel", "service")]
    public async Task A_valid_token_without_the_role_a_method_needs_is_permission_denied_and_changes_nothing(string method, string caller)
    {
        var (room, number) = await kims.GetAsync(factory);
        var token = caller switch
        {
            "manager" => TestTokens.Manager(ReservationApiFactory.Audience),
            "kim" => TestTokens.Customer("kim", ReservationApiFactory.Audience),
            _ => TestTokens.Service("some-service", ReservationApiFactory.Audience, "reservations"),
        };

        Assert.Equal(StatusCode.PermissionDenied, await StatusOf(Call(_channel.AsCaller(token), method, room, number)));
        await KimsReservation.AssertUnchangedAsync(factory, room, number);
    }

    [Theory]
    [InlineData("Get")]
    [InlineData("Pay")]
    [InlineData("Cancel")]
    public async Task Another_customer_gets_the_not_found_of_a_missing_reservation_and_changes_nothing(string method)
    {
        var (room, number) = await kims.GetAsync(factory);
        var lee = _channel.AsCaller(TestTokens.Customer("lee", ReservationApiFactory.Audience));

        var refused = await Assert.ThrowsAsync<RpcException>(() => Call(lee, method, room, number));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Call(lee, method, room, Missing));

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (refused.StatusCode, missing.StatusCode));
        Assert.Equal(missing.Status.Detail.Replace(Missing, "{number}", StringComparison.Ordinal), refused.Status.Detail.Replace(number, "{number}", StringComparison.Ordinal));
        await KimsReservation.AssertUnchangedAsync(factory, room, number);
    }

    [Fact]
    public async Task A_manager_gets_any_customers_reservation()
    {
        var (_, number) = await kims.GetAsync(factory);

        var read = await _channel.AsCaller(TestTokens.Manager(ReservationApiFactory.Audience))
            .GetAsync(new ReservationNumberRequest { ReservationNumber = number });

        Assert.Equal(("kim", "Held"), (read.CustomerId, read.Status));
    }

    [Fact]
    public async Task A_customer_id_sent_by_an_older_client_in_the_reserve_message_is_ignored()
    {
        var room = await factory.RegisterRoomAsync();
        var message = new ReserveRequest { RoomNumber = room, CheckIn = Date(5), CheckOut = Date(6) }.ToByteArray();
        // Field 1 (the customer_id this message used to have) = "lee", ahead of the message's own fields.
        byte[] withCustomerId = [0x0A, 3, (byte)'l', (byte)'e', (byte)'e', .. message];
        var reserve = new Method<byte[], ReservationReply>(MethodType.Unary, ReservationsService.Descriptor.FullName, "Reserve",
            Marshallers.Create((byte[] bytes) => bytes, bytes => bytes), Marshallers.Create((ReservationReply reply) => reply.ToByteArray(), ReservationReply.Parser.ParseFrom));
        var asKim = new CallOptions(GrpcCallers.Bearer(TestTokens.Customer("kim", ReservationApiFactory.Audience)));

        var reserved = await _channel.CreateCallInvoker().AsyncUnaryCall(reserve, null, asKim, withCustomerId).ResponseAsync;

        Assert.Equal(("kim", room, "Held"), (reserved.CustomerId, reserved.RoomNumber, reserved.Status));
    }

    public void Dispose() => _channel.Dispose();

    private static Task Call(ReservationsService.ReservationsClient client, string method, string room, string number)
    {
        var byNumber = new ReservationNumberRequest { ReservationNumber = number };
        return method switch
        {
            "Reserve" => client.ReserveAsync(new ReserveRequest { RoomNumber = room, CheckIn = Date(70), CheckOut = Date(71) }).ResponseAsync,
            "Get" => client.GetAsync(byNumber).ResponseAsync,
            "Pay" => client.PayAsync(byNumber).ResponseAsync,
            "Cancel" => client.CancelAsync(byNumber).ResponseAsync,
            _ => client.CheckOutAsync(byNumber).ResponseAsync,
        };
    }

    private static string Date(int fromToday) =>
        ReservationScenarios.Day(fromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<StatusCode> StatusOf(Task call) => (await Assert.ThrowsAsync<RpcException>(() => call)).StatusCode;
}
