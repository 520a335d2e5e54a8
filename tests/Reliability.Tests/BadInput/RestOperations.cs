using System.Globalization;
using CsCheck;
using Microsoft.AspNetCore.Http;
using static Reliability.Tests.BadInput.Values;

namespace Reliability.Tests.BadInput;

/// <summary>
/// Certainly bad requests for every public REST operation behind the gateway (services/*/Apis, routed by
/// services/Gateway/appsettings.json), generated from each operation's shape: route ids, query parameters, headers and
/// body fields. Each request has one bad part; within a body or a query string, one to three fields are broken.
/// </summary>
internal static class RestOperations
{
    private const decimal MaxPricePerNight = 100_000_000m;
    private const int MaxPageIndex = int.MaxValue / 100;

    private static readonly string[] RoomTypes = ["Standard", "Deluxe", "Suite", "Family"];

    private static readonly IReadOnlySet<string> NoField = JsonBodies.NoField;

    private static readonly QueryParam PageIndex =
        new("pageIndex", Optional(Gen.Int[0, 1000].Select(Text)), Gen.OneOf(NotAnInt, IntOutside(0, MaxPageIndex)));

    private static readonly QueryParam PageSize =
        new("pageSize", Optional(Gen.Int[1, 100].Select(Text)), Gen.OneOf(NotAnInt, IntOutside(1, 100)));

    private static readonly Gen<string?> RoomName =
        Gen.String[Gen.Char[Letters + " "], 0, 60].Select(name => (string?)Json("Room " + name));

    private static readonly Gen<string> BadRoomName = Gen.Frequency(
        (4, Gen.OneOf("", " ", "   ", "\t\n").Select(Json)),
        (4, Gen.String[Gen.Char[Letters], 101, 400].Select(Json)),
        (4, Gen.String[Gen.Char[Letters], 1, 20].Select(Gen.Char['\0', '\u001f'], (name, control) => Json(name + control + name))),
        // Long, but under the gateway's 1 MiB body limit: the name is what gets refused, not the size.
        (1, Gen.Int[100 << 10, 900 << 10].Select(length => Json(new string('n', length)))),
        (4, NotAString));

    private static readonly Gen<string> BadRoomType = Gen.OneOf(
        Gen.String[Gen.Char[Letters], 1, 12].Where(name => !RoomTypes.Contains(name, StringComparer.OrdinalIgnoreCase)).Select(Json),
        Gen.OneOf("", "Deluxe Suite", "Penthouse").Select(Json),
        NotAString);

    public static Gen<BadRequest> All(Target target) => Gen.OneOf(
        RegisterRoom(target), ListRooms(), GetRoom(target), ChangeRoom(target), RoomNights(target), CheckOutRoom(target),
        Reserve(target), GetReservation(target), ListReservations(target),
        ReservationCommand(target, "pay"), ReservationCommand(target, "cancel"), ReservationCommand(target, "check-out"),
        // POST /api/v1/payments is for reservation only, inside the network: the gateway has no route for it (WrongMethod
        // tries it), and Payment.Tests sends it bad input directly.
        ListPayments(), GetPayment(target),
        ListNotices(target), GetNotice(target),
        GetRoomInfo(target), RoomAvailability(target), CustomerReservations(""), CustomerReservations("/stream"),
        CustomerReservation(target), WrongMethod(target), UnknownPath(target));

    private static Gen<BadRequest> RegisterRoom(Target target)
    {
        JsonField[] fields =
        [
            new("number", UnknownRoomNumber(target.Rooms).Select(JsonOrNull), BadString(BadRoomNumber)),
            new("type", Gen.OneOf(RoomTypes).Select(JsonOrNull), BadRoomType),
            new("name", RoomName, BadRoomName),
            new("pricePerNight", Always(ValidAmount(MaxPricePerNight)), BadAmount(MaxPricePerNight)),
        ];
        return JsonBodies.Bad(fields).Select(body => WithBody("POST /api/v1/rooms", HttpMethod.Post, "/api/v1/rooms", body));
    }

    private static Gen<BadRequest> ListRooms() =>
        QueryStrings.Bad(PageIndex, PageSize).Select(query => InQuery("GET /api/v1/rooms", "/api/v1/rooms", query));

    private static Gen<BadRequest> GetRoom(Target target) =>
        RoomRoute(target).Select(id => InRoute("GET /api/v1/rooms/{number}", HttpMethod.Get, $"/api/v1/rooms/{id.Segment}", id));

    private static Gen<BadRequest> ChangeRoom(Target target)
    {
        const string Endpoint = "PATCH /api/v1/rooms/{number}";
        JsonField[] fields =
        [
            new("name", RoomName, BadRoomName, Required: false),
            new("pricePerNight", Optional(ValidAmount(MaxPricePerNight)), BadAmount(MaxPricePerNight), Required: false),
            // A valid version is left out: one that happened to be the room's own would let the change through.
            new("version", Gen.Const((string?)null), NotAnIntInJson, Required: false),
        ];
        var neitherNameNorPrice = Gen.OneOf("{}", """{"version":1}""", """{"nmae":"Ocean view"}""", """{"name":null}""", """{"name":null,"pricePerNight":null}""")
            .Select(json => Body.Of(json, "neither name nor pricePerNight", BadRequest.Fields("name", "pricePerNight")));
        return Gen.OneOf(
            from body in Gen.Frequency((9, JsonBodies.Bad(fields)), (1, neitherNameNorPrice))
            select WithBody(Endpoint, HttpMethod.Patch, $"/api/v1/rooms/{Segment(target.Room)}", body),
            from id in RoomRoute(target)
            from json in JsonBodies.Valid(fields)
            select InRoute(Endpoint, HttpMethod.Patch, $"/api/v1/rooms/{id.Segment}", id) with { ContentType = BadRequest.Json, Body = Utf8(json) });
    }

    private static Gen<BadRequest> RoomNights(Target target) =>
        Nights(target, "GET /api/v1/rooms/{number}/nights", number => $"/api/v1/rooms/{number}/nights");

    private static Gen<BadRequest> CheckOutRoom(Target target) =>
        RoomRoute(target).Select(id => InRoute("POST /api/v1/rooms/{number}/check-out", HttpMethod.Post, $"/api/v1/rooms/{id.Segment}/check-out", id));

    private static Gen<BadRequest> Reserve(Target target) =>
        from checkIn in Gen.Int[1, 300].Select(target.Today.AddDays)
        from nights in Gen.Int[1, 30]
        from body in Gen.Frequency(
            (20, JsonBodies.Bad(ReserveFields(target, checkIn, checkIn.AddDays(nights)))),
            (1, UnknownRoomNumber(target.Rooms).Select(room => UnknownRoom(target, room, checkIn, checkIn.AddDays(nights)))))
        select WithBody("POST /api/v1/reservations", HttpMethod.Post, "/api/v1/reservations", body);

    // Every field valid, the room unknown to reservation's catalog.
    private static Body UnknownRoom(Target target, string room, DateOnly checkIn, DateOnly checkOut) => Body.Of(
        $$"""{"roomNumber":{{Json(room)}},"checkIn":"{{Iso(checkIn)}}","checkOut":"{{Iso(checkOut)}}"}""",
        "unknown room",
        NoField) with
    { Status = StatusCodes.Status422UnprocessableEntity };

    private static JsonField[] ReserveFields(Target target, DateOnly checkIn, DateOnly checkOut) =>
    [
        new("roomNumber", Gen.Const<string?>(Json(target.Room)), BadString(BadRoomNumber)),
        new("checkIn", Gen.Const<string?>(Json(Iso(checkIn))), BadString(Gen.OneOf(
            MalformedDate,
            Gen.Int[1, 5000].Select(days => Iso(target.Today.AddDays(-days))),
            Gen.Int[400, 3000].Select(days => Iso(target.Today.AddDays(days))),
            Gen.OneOf("0001-01-01", "9999-12-31")))),
        new("checkOut", Gen.Const<string?>(Json(Iso(checkOut))), BadString(Gen.OneOf(
            MalformedDate,
            Gen.Int[0, 400].Select(days => Iso(checkIn.AddDays(-days))),
            Gen.Int[31, 3000].Select(days => Iso(checkIn.AddDays(days))),
            Gen.OneOf("0001-01-01", "9999-12-31")))),
    ];

    private static Gen<BadRequest> GetReservation(Target target) =>
        ReservationRoute(target).Select(id => InRoute("GET /api/v1/reservations/{number}", HttpMethod.Get, $"/api/v1/reservations/{id.Segment}", id));

    private static Gen<BadRequest> ListReservations(Target target) =>
        // The suite's caller is a customer too, so leaving customerId out lists its own: not a defect.
        QueryStrings.Bad(new QueryParam("customerId", Optional(Gen.Const(target.Customer)), BadCustomerId), PageIndex, PageSize)
            .Select(query => InQuery("GET /api/v1/reservations", "/api/v1/reservations", query));

    private static Gen<BadRequest> ReservationCommand(Target target, string command) =>
        ReservationRoute(target).Select(id => InRoute($"POST /api/v1/reservations/{{number}}/{command}", HttpMethod.Post, $"/api/v1/reservations/{id.Segment}/{command}", id));

    private static Gen<BadRequest> ListPayments() =>
        // Without a filter, a customer (as the suite's caller is too) lists their own payments.
        QueryStrings.Bad(new QueryParam("reservationNumber", Optional(UnknownReservationNumber), BadId(RoomNumberChars, 40)))
            .Select(query => InQuery("GET /api/v1/payments", "/api/v1/payments", query));

    private static Gen<BadRequest> GetPayment(Target target) =>
        GuidRoute("paymentId", target.Payments).Select(id => InRoute("GET /api/v1/payments/{paymentId}", HttpMethod.Get, $"/api/v1/payments/{id.Segment}", id));

    private static Gen<BadRequest> ListNotices(Target target) =>
        QueryStrings.Bad(
            // Notices are made from payment's events too, so any customer id payment takes may have some.
            new QueryParam("customerId", Optional(Gen.Const(target.Customer)), BadAnyCustomerId),
            new QueryParam("reservationNumber", Optional(Gen.Const(target.Reservation)), BadId(RoomNumberChars, 50)),
            PageIndex,
            PageSize)
            .Select(query => InQuery("GET /api/v1/notices", "/api/v1/notices", query));

    private static Gen<BadRequest> GetNotice(Target target) =>
        GuidRoute("id", target.Notices).Select(id => InRoute("GET /api/v1/notices/{id}", HttpMethod.Get, $"/api/v1/notices/{id.Segment}", id));

    private static Gen<BadRequest> GetRoomInfo(Target target) =>
        RoomRoute(target).Select(id => InRoute("GET /api/v1/roominfos/{number}", HttpMethod.Get, $"/api/v1/roominfos/{id.Segment}", id));

    private static Gen<BadRequest> RoomAvailability(Target target) =>
        Nights(target, "GET /api/v1/roominfos/{number}/availability", number => $"/api/v1/roominfos/{number}/availability");

    private static Gen<BadRequest> CustomerReservations(string suffix) =>
        // A well-formed customer id is never bad here: an unknown customer simply has no reservations (or a stream of none).
        BadCustomerId.Select(customer => InRoute($"GET /api/v1/customers/{{customerId}}/reservations{suffix}", HttpMethod.Get,
            $"/api/v1/customers/{Segment(customer)}/reservations{suffix}", new RouteId(customer, "bad customerId", BadRequest.Fields("customerId"))));

    private static Gen<BadRequest> CustomerReservation(Target target)
    {
        const string Endpoint = "GET /api/v1/customers/{customerId}/reservations/{reservationNumber}";
        return Gen.OneOf(
            BadCustomerId.Select(customer => InRoute(Endpoint, HttpMethod.Get,
                $"/api/v1/customers/{Segment(customer)}/reservations/{Segment(target.Reservation)}", new RouteId(customer, "bad customerId", BadRequest.Fields("customerId")))),
            Gen.OneOf(
                BadId(RoomNumberChars, 40).Select(number => new RouteId(number, "bad reservationNumber", BadRequest.Fields("reservationNumber"))),
                UnknownReservationNumber.Select(number => new RouteId(number, "unknown reservationNumber", NoField, StatusCodes.Status404NotFound)))
                .Select(id => InRoute(Endpoint, HttpMethod.Get, $"/api/v1/customers/{Segment(target.Customer)}/reservations/{id.Segment}", id)));
    }

    /// <summary>A real resource asked with a method its route does not have.</summary>
    private static Gen<BadRequest> WrongMethod(Target target)
    {
        var room = Segment(target.Room);
        var reservation = Segment(target.Reservation);
        var customer = Segment(target.Customer);
        (string Path, string[] Methods)[] routes =
        [
            ("/api/v1/rooms", ["GET", "POST"]), ($"/api/v1/rooms/{room}", ["GET", "PATCH"]), ($"/api/v1/rooms/{room}/nights", ["GET"]),
            ($"/api/v1/rooms/{room}/check-out", ["POST"]), ("/api/v1/reservations", ["GET", "POST"]), ($"/api/v1/reservations/{reservation}", ["GET"]),
            ($"/api/v1/reservations/{reservation}/pay", ["POST"]), ($"/api/v1/reservations/{reservation}/cancel", ["POST"]),
            ($"/api/v1/reservations/{reservation}/check-out", ["POST"]), ("/api/v1/payments", ["GET"]), ($"/api/v1/payments/{target.Payment}", ["GET"]),
            ("/api/v1/notices", ["GET"]), ("/api/v1/roominfos", ["GET"]), ($"/api/v1/roominfos/{room}", ["GET"]), ($"/api/v1/roominfos/{room}/availability", ["GET"]),
            ($"/api/v1/customers/{customer}/reservations", ["GET"]), ($"/api/v1/customers/{customer}/reservations/stream", ["GET"]),
            ($"/api/v1/customers/{customer}/reservations/{reservation}", ["GET"]),
        ];
        return from route in Gen.OneOf(routes)
               from method in Gen.OneOf(["GET", "POST", "PUT", "PATCH", "DELETE"]).Where(method => !route.Methods.Contains(method))
               select new BadRequest($"{method} (wrong method)", new HttpMethod(method), route.Path, $"{method} on a {string.Join("/", route.Methods)} route", NoField)
               {
                   Status = StatusCodes.Status405MethodNotAllowed,
               };
    }

    private static Gen<BadRequest> UnknownPath(Target target) =>
        from word in Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 1, 12]
        from path in Gen.OneOf(
            $"/api/x{word}",
            $"/api/v1/rooms/{Segment(target.Room)}/x{word}",
            $"/api/v1/reservations/{Segment(target.Reservation)}/x{word}",
            $"/api/v1/customers/{Segment(target.Customer)}/x{word}")
        select new BadRequest("GET (unknown path)", HttpMethod.Get, path, "no such route", NoField) { Status = StatusCodes.Status404NotFound };

    private static Gen<BadRequest> Nights(Target target, string endpoint, Func<string, string> path) =>
        from first in Gen.Int[0, 300].Select(target.Today.AddDays)
        from nights in Gen.Int[1, 90]
        let parameters = new[]
        {
            new QueryParam("from", Always(Gen.Const(Iso(first))), MalformedDate, Required: true),
            new QueryParam("to", Always(Gen.Const(Iso(first.AddDays(nights)))), Gen.OneOf(
                MalformedDate,
                Gen.Int[0, 400].Select(days => Iso(first.AddDays(-days))),
                Gen.Int[91, 3000].Select(days => Iso(first.AddDays(days))),
                Gen.OneOf("0001-01-01", "9999-12-31")), Required: true),
        }
        from request in Gen.OneOf(
            QueryStrings.Bad(parameters).Select(query => InQuery(endpoint, path(Segment(target.Room)), query)),
            from id in RoomRoute(target)
            from query in QueryStrings.Valid(parameters)
            select InRoute(endpoint, HttpMethod.Get, path(id.Segment) + query, id))
        select request;

    private static Gen<RouteId> RoomRoute(Target target) => Gen.Frequency(
        (3, BadRoomNumber.Select(number => new RouteId(number, "bad number", BadRequest.Fields("number")))),
        (1, UnknownRoomNumber(target.Rooms).Select(number => new RouteId(number, "unknown number", NoField, StatusCodes.Status404NotFound))));

    private static Gen<RouteId> ReservationRoute(Target target) => Gen.Frequency(
        (3, BadReservationNumber(target.Reservation).Select(number => new RouteId(number, "bad number", BadRequest.Fields("number")))),
        (1, UnknownReservationNumber.Select(number => new RouteId(number, "unknown number", NoField, StatusCodes.Status404NotFound))));

    private static Gen<RouteId> GuidRoute(string field, IReadOnlySet<Guid> known) => Gen.Frequency(
        (3, BadGuid.Select(id => new RouteId(id, $"bad {field}", BadRequest.Fields(field)))),
        (1, Gen.Guid.Where(id => !known.Contains(id)).Select(id => new RouteId(id.ToString(), $"unknown {field}", NoField, StatusCodes.Status404NotFound))));

    private static BadRequest WithBody(string endpoint, HttpMethod method, string path, Body body) =>
        new(endpoint, method, path, body.Defect, body.Blame) { ContentType = body.ContentType, Body = body.Bytes, Status = body.Status };

    private static BadRequest InQuery(string endpoint, string path, Query query) =>
        new(endpoint, HttpMethod.Get, path + query.Text, query.Defect, query.Blame);

    private static BadRequest InRoute(string endpoint, HttpMethod method, string path, RouteId id) =>
        new(endpoint, method, path, id.Defect, id.Blame) { Status = id.Status };

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static string? JsonOrNull(string value) => Json(value);

    /// <summary>A bad string value as JSON: the refused string itself, or a value that is no string at all.</summary>
    private static Gen<string> BadString(Gen<string> refused) => Gen.Frequency((4, refused.Select(Json)), (1, NotAString));

    private static Gen<string?> Always(Gen<string> gen) => gen.Select(string? (value) => value);

    private static Gen<string?> Optional(Gen<string> gen) => Gen.Frequency((1, Gen.Const((string?)null)), (2, Always(gen)));

    /// <summary>A route id (as sent, escaped) with what is wrong with it, whom to blame, and the status it calls for (404 when unknown).</summary>
    private sealed record RouteId(string Value, string Defect, IReadOnlySet<string> Blame, int? Status = null)
    {
        public string Segment => Uri.EscapeDataString(Value);
    }
}
