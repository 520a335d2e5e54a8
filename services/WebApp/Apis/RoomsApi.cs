using System.Globalization;
using Accommodation.WebApp.Security;
using static Accommodation.WebApp.Apis.ApiClient;

namespace Accommodation.WebApp.Apis;

/// <summary>The requirements' register and check out, and the rooms' nights (room service), as a manager.</summary>
public sealed class RoomsApi(HttpClient http, UserAccessToken token)
{
    public Task<Page<Room>> ListAsync(int pageIndex, int pageSize, CancellationToken cancellationToken) =>
        http.ReadAsync<Page<Room>>(token, Get($"/api/v1/rooms?pageIndex={pageIndex}&pageSize={pageSize}"), cancellationToken);

    /// <summary>A page of rooms, or only the room <paramref name="only"/> (a page of one) when it is given.</summary>
    public async Task<Page<Room>> ListAsync(string? only, int pageIndex, int pageSize, CancellationToken cancellationToken) =>
        only is null
            ? await ListAsync(pageIndex, pageSize, cancellationToken)
            : new Page<Room>(0, pageSize, 1, [await GetAsync(only, cancellationToken)]);

    public Task<Room> GetAsync(string number, CancellationToken cancellationToken) =>
        http.ReadAsync<Room>(token, Get($"/api/v1/rooms/{Escape(number)}"), cancellationToken);

    public Task<Room> RegisterAsync(string number, string type, string name, decimal pricePerNight, CancellationToken cancellationToken) =>
        http.ReadAsync<Room>(token, Post("/api/v1/rooms", new { number, type, name, pricePerNight }), cancellationToken);

    /// <summary>The version is a precondition: a room someone else changed meanwhile is a 409, not a lost update.</summary>
    public Task<Room> ChangeAsync(string number, string name, decimal pricePerNight, int version, CancellationToken cancellationToken) =>
        http.ReadAsync<Room>(token, Patch($"/api/v1/rooms/{Escape(number)}", new { name, pricePerNight, version }), cancellationToken);

    public Task<RoomNights> NightsAsync(string number, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        http.ReadAsync<RoomNights>(token, Get(string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/rooms/{Escape(number)}/nights?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}")), cancellationToken);

    /// <summary>Checks out the stay that is in the room today; the reservation closes when the event reaches it.</summary>
    public Task<RoomCheckOut> CheckOutAsync(string number, CancellationToken cancellationToken) =>
        http.ReadAsync<RoomCheckOut>(token, Post($"/api/v1/rooms/{Escape(number)}/check-out"), cancellationToken);
}
