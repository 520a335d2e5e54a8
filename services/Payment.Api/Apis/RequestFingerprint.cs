using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Accommodation.Payments.Api.Apis;

/// <summary>SHA-256 (hex) of a request's canonical body: what was asked, not how the JSON happened to be written.</summary>
internal static class RequestFingerprint
{
    public static string Of(ApprovePaymentRequest request)
    {
        // Fixed field order and the amount without trailing zeros: 120000 and 120000.00 are the same request.
        var canonical = JsonSerializer.Serialize(new
        {
            reservationNumber = request.ReservationNumber,
            customerId = request.CustomerId,
            amount = request.Amount?.ToString("0.##", CultureInfo.InvariantCulture),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
