using Accommodation.Reservations.Api.Grpc;
using Accommodation.Reservations.Tests.Functional;
using Accommodation.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using ReservationsService = Accommodation.Reservations.Api.Grpc.Reservations;

namespace Accommodation.Reservations.Tests.Grpc;

[Collection(nameof(ReservationApiCollection))]
public sealed class ReservationsGrpcTests(ReservationApiFactory factory) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = factory.Server.CreateHandler(),
    });

    // The customer most of these calls are made as; check-outs are a manager's.
    private ReservationsService.ReservationsClient Client => Customer("grpc");

    private ReservationsService.ReservationsClient Manager => _channel.AsCaller(TestTokens.Manager(ReservationApiFactory.Audience));

    private ReservationsService.ReservationsClient Customer(string customerId) =>
        _channel.AsCaller(TestTokens.Customer(customerId, ReservationApiFactory.Audience));

    [Fact]
    public async Task Reserve_then_Get_round_trips_through_the_same_application_service()
    {
        var room = await factory.RegisterRoomAsync(pricePerNight: 70_000m);
        var customer = Customer("grpc-1");

        var reserved = await customer.ReserveAsync(new ReserveRequest
        {
            RoomNumber = room,
            CheckIn = Date(7),
            CheckOut = Date(9),
        });

        Assert.Equal("Held", reserved.Status);
        Assert.Equal(("grpc-1", room, 2, "140000.00", 1), (reserved.CustomerId, reserved.RoomNumber, reserved.Nights, reserved.TotalPrice, reserved.Version));
        Assert.Equal("", reserved.PaymentId);
        var read = await customer.GetAsync(new ReservationNumberRequest { ReservationNumber = reserved.ReservationNumber });
        Assert.Equal(reserved, read);
        var overRest = await factory.CreateCustomerClient("grpc-1").GetReservationAsync(reserved.ReservationNumber);
        Assert.Equal("Held", overRest.Status());
        Assert.Equal(1, await factory.OutboxCountAsync(reserved.ReservationNumber));
    }

    [Fact]
    public async Task Pay_cancel_and_check_out_follow_the_same_rules_as_over_rest()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await Client.ReserveAsync(new ReserveRequest { RoomNumber = room, CheckIn = Date(3), CheckOut = Date(4) }))
            .ReservationNumber;

        var checkOutHeld = await Assert.ThrowsAsync<RpcException>(() =>
            Manager.CheckOutAsync(new ReservationNumberRequest { ReservationNumber = number }).ResponseAsync);
        var paid = await Client.PayAsync(new ReservationNumberRequest { ReservationNumber = number });
        var checkedOut = await Manager.CheckOutAsync(new ReservationNumberRequest { ReservationNumber = number });
        var cancelClosed = await Assert.ThrowsAsync<RpcException>(() =>
            Client.CancelAsync(new ReservationNumberRequest { ReservationNumber = number }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, checkOutHeld.StatusCode);
        Assert.Equal("Confirmed", paid.Status);
        Assert.NotEqual("", paid.PaymentId);
        Assert.Equal(("CheckedOut", 3), (checkedOut.Status, checkedOut.Version));
        Assert.Equal(StatusCode.FailedPrecondition, cancelClosed.StatusCode);
        Assert.Equal($"reservation-{number}-1", Assert.Single(factory.Payment.CallsFor(number)).IdempotencyKey);
    }

    [Fact]
    public async Task Refusals_map_to_grpc_status_codes()
    {
        var room = await factory.RegisterRoomAsync();
        await Client.ReserveAsync(new ReserveRequest { RoomNumber = room, CheckIn = Date(3), CheckOut = Date(5) });

        Assert.Equal(StatusCode.InvalidArgument, await StatusOf(Client.ReserveAsync(
            new ReserveRequest { RoomNumber = room, CheckIn = Date(5), CheckOut = Date(3) }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOf(Client.ReserveAsync(
            new ReserveRequest { RoomNumber = room, CheckIn = "24/12/2026", CheckOut = Date(3) }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOf(Client.ReserveAsync(
            new ReserveRequest { RoomNumber = "", CheckIn = Date(8), CheckOut = Date(9) }).ResponseAsync));
        Assert.Equal(StatusCode.AlreadyExists, await StatusOf(Client.ReserveAsync(
            new ReserveRequest { RoomNumber = room, CheckIn = Date(4), CheckOut = Date(6) }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOf(Client.ReserveAsync(
            new ReserveRequest { RoomNumber = RoomCatalogSeeding.NewRoomNumber(), CheckIn = Date(3), CheckOut = Date(5) }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOf(Client.GetAsync(
            new ReservationNumberRequest { ReservationNumber = "R-20000101-000000" }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOf(Client.PayAsync(
            new ReservationNumberRequest { ReservationNumber = "nonsense" }).ResponseAsync));
    }

    [Theory]
    [InlineData("Reserve", new byte[] { 0x0E, 0x01 })]
    [InlineData("Pay", new byte[] { 0x0A, 0x03, 0xFF, 0x41, 0x42 })]
    [InlineData("Get", new byte[] { 0x0A, 0x22, 0x52, 0x2D })]
    public async Task Bytes_that_are_no_message_are_an_invalid_argument_not_an_unknown_failure(string method, byte[] bytes)
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, ReservationsService.Descriptor.FullName, method,
            Marshallers.Create((byte[] message) => message, message => message), Marshallers.Create((byte[] message) => message, message => message));

        var asCustomer = new CallOptions(GrpcCallers.Bearer(TestTokens.Customer("grpc", ReservationApiFactory.Audience)));

        var refused = await Assert.ThrowsAsync<RpcException>(() => _channel.CreateCallInvoker().AsyncUnaryCall(raw, null, asCustomer, bytes).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    [Fact]
    public async Task A_malformed_reservation_number_is_blamed_on_the_message_field()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Client.CancelAsync(new ReservationNumberRequest { ReservationNumber = "R-2026" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("reservationNumber: ", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_room_number_with_a_trailing_newline_is_an_invalid_argument_and_reserves_nothing()
    {
        var room = await factory.RegisterRoomAsync();
        var before = await factory.InDatabaseAsync(db => db.Reservations.CountAsync());

        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.ReserveAsync(
            new ReserveRequest { RoomNumber = room + "\n", CheckIn = Date(3), CheckOut = Date(4) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("roomNumber: ", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await factory.InDatabaseAsync(db => db.Reservations.CountAsync()));
    }

    public void Dispose() => _channel.Dispose();

    private static string Date(int fromToday) =>
        ReservationScenarios.Day(fromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<StatusCode> StatusOf(Task call) => (await Assert.ThrowsAsync<RpcException>(() => call)).StatusCode;
}
