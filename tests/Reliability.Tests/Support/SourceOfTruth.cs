using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reliability.Tests.Support;

/// <summary>
/// Compares the read model (roomview, in Redis) with the sources of truth (reservation's and room's PostgreSQL):
/// every reservation and every room, field by field, at the version the source holds.
/// </summary>
public static class SourceOfTruth
{
    /// <summary>One line per difference; empty when the view equals the sources.</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(SystemProbe probe, HttpClient gateway)
    {
        var differences = new List<string>();
        var reservations = await probe.QueryAsync("reservationdb",
            "SELECT number, customer_id, room_number, check_in, check_out, total_price, status, version FROM reservations");
        foreach (var customer in reservations.GroupBy(row => (string)row["customer_id"]!))
        {
            var view = await GetViewAsync(gateway, $"/api/v1/customers/{customer.Key}/reservations");
            var viewed = view?.EnumerateArray().ToDictionary(reservation => reservation.GetProperty("reservationNumber").GetString()!) ?? [];
            foreach (var row in customer)
            {
                var number = (string)row["number"]!;
                if (!viewed.TryGetValue(number, out var shown))
                {
                    differences.Add($"reservation {number} ({row["status"]} v{row["version"]}) is missing from the view");
                    continue;
                }

                differences.AddRange(Compare($"reservation {number}", shown,
                    ("roomNumber", row["room_number"]),
                    ("checkIn", ((DateOnly)row["check_in"]!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("checkOut", ((DateOnly)row["check_out"]!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("totalPrice", (decimal)row["total_price"]!),
                    ("status", row["status"]),
                    ("version", (int)row["version"]!)));
            }
        }

        var rooms = await probe.QueryAsync("roomdb", "SELECT number, type, name, price_per_night, version FROM rooms");
        var roomInfos = (await GetViewAsync(gateway, "/api/v1/roominfos"))?.EnumerateArray()
            .ToDictionary(room => room.GetProperty("number").GetString()!) ?? [];
        foreach (var row in rooms)
        {
            var number = (string)row["number"]!;
            if (!roomInfos.TryGetValue(number, out var shown))
            {
                differences.Add($"room {number} (v{row["version"]}) is missing from the view");
                continue;
            }

            differences.AddRange(Compare($"room {number}", shown,
                ("type", row["type"]), ("name", row["name"]), ("pricePerNight", (decimal)row["price_per_night"]!), ("version", (int)row["version"]!)));
        }

        return differences;
    }

    /// <summary>Waits until the view equals the sources (it follows them asynchronously), or fails with what still differs.</summary>
    public static async Task<TimeSpan> WaitUntilViewMatchesAsync(SystemProbe probe, HttpClient gateway, TimeSpan timeout)
    {
        var started = DateTime.UtcNow;
        IReadOnlyList<string> differences = [];
        while (DateTime.UtcNow - started < timeout)
        {
            differences = await DifferencesAsync(probe, gateway);
            if (differences.Count == 0)
            {
                return DateTime.UtcNow - started;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new Xunit.Sdk.XunitException(
            $"The view still differs from the sources after {timeout.TotalSeconds} s ({differences.Count} differences):{Environment.NewLine}" +
            string.Join(Environment.NewLine, differences.Take(20)));
    }

    private static async Task<JsonElement?> GetViewAsync(HttpClient gateway, string path)
    {
        using var response = await gateway.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    private static IEnumerable<string> Compare(string what, JsonElement shown, params (string Field, object? Expected)[] fields)
    {
        foreach (var (field, expected) in fields)
        {
            var actual = shown.GetProperty(field);
            var equal = expected switch
            {
                decimal number => actual.ValueKind == JsonValueKind.Number && actual.GetDecimal() == number,
                int number => actual.ValueKind == JsonValueKind.Number && actual.GetInt32() == number,
                _ => actual.ValueKind == JsonValueKind.String && actual.GetString() == (string?)expected,
            };
            if (!equal)
            {
                yield return $"{what}: {field} is {actual.GetRawText()} in the view, {expected} in the source";
            }
        }
    }
}
