using Accommodation.WebApp.Security;
using static Accommodation.WebApp.Apis.ApiClient;

namespace Accommodation.WebApp.Apis;

/// <summary>The requirements' reserve, pay and cancel (reservation service), as the signed-in customer.</summary>
public sealed class ReservationsApi(HttpClient http, UserAccessToken token)
{
    public Task<Reservation> ReserveAsync(string roomNumber, DateOnly checkIn, DateOnly checkOut, CancellationToken cancellationToken) =>
        http.ReadAsync<Reservation>(token, Post("/api/v1/reservations", new { roomNumber, checkIn, checkOut }), cancellationToken);

    /// <summary>503 when payment is busy: the reservation stays held, and the customer pays later.</summary>
    public Task<Reservation> PayAsync(string number, CancellationToken cancellationToken) =>
        http.ReadAsync<Reservation>(token, Post($"/api/v1/reservations/{Escape(number)}/pay"), cancellationToken);

    public Task<Reservation> CancelAsync(string number, CancellationToken cancellationToken) =>
        http.ReadAsync<Reservation>(token, Post($"/api/v1/reservations/{Escape(number)}/cancel"), cancellationToken);
}
