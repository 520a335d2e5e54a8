using System.Globalization;
using static Accommodation.WebApp.Apis.ApiClient;

namespace Accommodation.WebApp.Apis;

/// <summary>Rooms as customers browse them and their nights (roomview): public, no token needed.</summary>
public sealed class RoomCatalogApi(HttpClient http)
{
    public Task<List<RoomInfo>> ListAsync(CancellationToken cancellationToken) =>
        http.ReadAsync<List<RoomInfo>>(null, Get("/api/v1/roominfos"), cancellationToken);

    public Task<RoomInfo> GetAsync(string number, CancellationToken cancellationToken) =>
        http.ReadAsync<RoomInfo>(null, Get($"/api/v1/roominfos/{Escape(number)}"), cancellationToken);

    /// <summary>Each night of <c>[from, to)</c>, at most 90.</summary>
    public Task<RoomAvailability> AvailabilityAsync(string number, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        http.ReadAsync<RoomAvailability>(null, Get(string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/roominfos/{Escape(number)}/availability?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}")), cancellationToken);
}
