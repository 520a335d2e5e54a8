using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Accommodation.WebApp.Security;
using static Accommodation.WebApp.Apis.ApiClient;

namespace Accommodation.WebApp.Apis;

/// <summary>
/// "My reservations" from roomview, the read model: the list, then every change as roomview's server-sent events bring
/// it. The web server reads the stream (a browser's EventSource cannot send a token) and the page re-renders.
/// </summary>
public sealed class MyReservationsApi(HttpClient http, UserAccessToken token)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<List<CustomerReservation>> ListAsync(string customerId, CancellationToken cancellationToken) =>
        http.ReadAsync<List<CustomerReservation>>(token, Get($"/api/v1/customers/{Escape(customerId)}/reservations"), cancellationToken);

    /// <summary>
    /// The whole list first, then each changed reservation, until <paramref name="cancellationToken"/> fires or roomview
    /// ends the stream (it does when the token expires; the caller watches again, with a fresh token).
    /// </summary>
    public async IAsyncEnumerable<ReservationsUpdate> WatchAsync(string customerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(token, Get($"/api/v1/customers/{Escape(customerId)}/reservations/stream"),
            cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            switch (item.EventType)
            {
                case "reservations":
                    yield return new ReservationsUpdate(JsonSerializer.Deserialize<List<CustomerReservation>>(item.Data, Json)!, null);
                    break;
                case "reservation":
                    yield return new ReservationsUpdate(null, JsonSerializer.Deserialize<CustomerReservation>(item.Data, Json)!);
                    break;
            }
        }
    }
}

/// <summary>One event of the stream: the whole list, or one reservation that changed.</summary>
public sealed record ReservationsUpdate(List<CustomerReservation>? All, CustomerReservation? Changed);
