using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.Notification.Tests.Functional;

/// <summary>Reads a customer's notice log through the API, polling until it shows what a test waits for.</summary>
internal static class NoticeLog
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<IReadOnlyList<JsonElement>> ListAsync(this HttpClient client, string customerId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/notices?customerId={Uri.EscapeDataString(customerId)}&pageSize=100");
        return [.. page.GetProperty("data").EnumerateArray()];
    }

    /// <summary>Polls until the customer has <paramref name="count"/> notices, all in <paramref name="status"/>; fails at the deadline.</summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForNoticesAsync(
        this HttpClient client, string customerId, int count, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        IReadOnlyList<JsonElement> notices = [];
        while (DateTime.UtcNow < deadline)
        {
            notices = await client.ListAsync(customerId);
            if (notices.Count == count && notices.All(notice => notice.GetProperty("status").GetString() == status))
            {
                return notices;
            }

            await Task.Delay(Interval);
        }

        throw new TimeoutException(
            $"Customer {customerId} did not get {count} {status} notices in time; last seen: [{string.Join(", ", notices.Select(Describe))}].");
    }

    private static string Describe(JsonElement notice) =>
        $"{notice.GetProperty("kind").GetString()} {notice.GetProperty("status").GetString()} after {notice.GetProperty("attempts").GetInt32()} attempts";
}
