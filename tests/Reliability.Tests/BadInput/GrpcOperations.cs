using Accommodation.Reservations.Api.Grpc;
using CsCheck;
using Google.Protobuf;
using static Reliability.Tests.BadInput.Values;

namespace Reliability.Tests.BadInput;

/// <summary>
/// One certainly bad call of the reservation service's gRPC API (Protos/reservations.proto): a message with broken
/// fields, or bytes that are no message at all (<see cref="Raw"/>). An answer must name one of <see cref="Blame"/> in its detail.
/// </summary>
internal sealed record BadCall(string Method, IMessage? Message, byte[]? Raw, string Defect, IReadOnlySet<string> Blame)
{
    public override string ToString() => Raw is null
        ? $"{Method}({BadRequest.Shorten(Message?.ToString() ?? "")})  [{Defect}]"
        : $"{Method}(raw {Raw.Length} bytes: {Convert.ToHexString(Raw.AsSpan(0, Math.Min(Raw.Length, 64)))})  [{Defect}]";
}

/// <summary>Bad calls for every gRPC method, generated from the messages' fields.</summary>
internal static class GrpcOperations
{
    public static readonly string[] NumberMethods = ["Pay", "Cancel", "CheckOut", "Get"];

    public static readonly string[] Methods = ["Reserve", .. NumberMethods];

    private static readonly IReadOnlySet<string> NoField = JsonBodies.NoField;

    public static Gen<BadCall> All(Target target) => Gen.Frequency(
        (8, Reserve(target)),
        (1, UnknownRoom(target)),
        (8, ByNumber(target)),
        (3, Malformed(target)),
        // Rare: each one sends megabytes.
        (1, Gen.Frequency((9, Gen.Const(Huge(target, 1 << 20, "1 MB roomNumber", BadRequest.Fields("roomNumber")))),
            // Over the server's default 4 MB limit on a received message.
            (1, Gen.Const(Huge(target, 5 << 20, "message over 4 MB", NoField))))));

    private static BadCall Huge(Target target, int length, string defect, IReadOnlySet<string> blame)
    {
        var checkIn = target.Today.AddDays(30);
        var request = new ReserveRequest { RoomNumber = new string('9', length), CheckIn = Iso(checkIn), CheckOut = Iso(checkIn.AddDays(1)) };
        return new BadCall("Reserve", request, null, defect, blame);
    }

    private static Gen<BadCall> Reserve(Target target) =>
        from checkIn in Gen.Int[1, 300].Select(target.Today.AddDays)
        from nights in Gen.Int[1, 30]
        let checkOut = checkIn.AddDays(nights)
        from broken in Gen.Bool.Array[3].Where(mask => mask.Any(isBroken => isBroken))
        from roomNumber in broken[0] ? Bad("roomNumber", Gen.OneOf(Gen.Const(""), BadRoomNumber)) : Good(target.Room)
        from checkInText in broken[1] ? Bad("checkIn", Gen.OneOf(
            Gen.Const(""),
            MalformedDate,
            Gen.Int[1, 5000].Select(days => Iso(target.Today.AddDays(-days))),
            Gen.Int[400, 3000].Select(days => Iso(target.Today.AddDays(days))),
            Gen.OneOf("0001-01-01", "9999-12-31", Iso(checkIn) + "T00:00:00", Iso(checkIn).Replace("-", "/", StringComparison.Ordinal)))) : Good(Iso(checkIn))
        from checkOutText in broken[2] ? Bad("checkOut", Gen.OneOf(
            Gen.Const(""),
            MalformedDate,
            Gen.Int[0, 400].Select(days => Iso(checkIn.AddDays(-days))),
            Gen.Int[31, 3000].Select(days => Iso(checkIn.AddDays(days))),
            Gen.OneOf("0001-01-01", "9999-12-31"))) : Good(Iso(checkOut))
        let fields = new[] { roomNumber, checkInText, checkOutText }
        select new BadCall(
            "Reserve",
            new ReserveRequest { RoomNumber = roomNumber.Value, CheckIn = checkInText.Value, CheckOut = checkOutText.Value },
            null,
            string.Join(", ", fields.Select(field => field.Defect).OfType<string>()),
            BadRequest.Fields([.. fields.Select(field => field.Blame).OfType<string>()]));

    // Every field valid, the room unknown to reservation's catalog.
    private static Gen<BadCall> UnknownRoom(Target target) =>
        from room in UnknownRoomNumber(target.Rooms)
        from checkIn in Gen.Int[1, 300].Select(target.Today.AddDays)
        select new BadCall(
            "Reserve",
            new ReserveRequest { RoomNumber = room, CheckIn = Iso(checkIn), CheckOut = Iso(checkIn.AddDays(1)) },
            null,
            "unknown room",
            NoField);

    private static Gen<BadCall> ByNumber(Target target) =>
        from method in Gen.OneOf(NumberMethods)
        from number in Gen.Frequency(
            (3, BadReservationNumber(target.Reservation).Select(number => (number, "bad reservationNumber", BadRequest.Fields("reservationNumber")))),
            (1, Gen.Const(("", "empty reservationNumber", BadRequest.Fields("reservationNumber")))),
            (1, UnknownReservationNumber.Select(number => (number, "unknown reservationNumber", NoField))))
        select new BadCall(method, new ReservationNumberRequest { ReservationNumber = number.Item1 }, null, number.Item2, number.Item3);

    /// <summary>Bytes no parser reads as the message: a wire type protobuf does not have, a string that is not UTF-8, a cut-off field.</summary>
    private static Gen<BadCall> Malformed(Target target) =>
        from method in Gen.OneOf(Methods)
        from bytes in Gen.OneOf(
            from field in Gen.Int[1, 15]
            from wireType in Gen.OneOf(6, 7)
            from rest in Gen.Byte.Array[0, 40]
            select (byte[])[(byte)((field << 3) | wireType), .. rest],
            // 0xFF starts no UTF-8 sequence.
            from garbage in Gen.Byte.Array[0, 40]
            select (byte[])[0x0A, (byte)(garbage.Length + 1), 0xFF, .. garbage],
            from cut in Gen.Int[1, 40]
            let whole = new ReservationNumberRequest { ReservationNumber = target.Reservation + target.Reservation }.ToByteArray()
            select whole[..Math.Min(cut, whole.Length - 1)])
        select new BadCall(method, null, bytes, "not a protobuf message", NoField);

    private static Gen<Field> Good(string value) => Gen.Const(new Field(value, null, null));

    private static Gen<Field> Bad(string name, Gen<string> values) => values.Select(value => new Field(value, $"bad {name}", name));

    private sealed record Field(string Value, string? Defect, string? Blame);
}
