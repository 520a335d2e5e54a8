using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.Testing.EndToEnd;

/// <summary>Reads an eventually consistent view until it shows what the test expects, or fails at the deadline.</summary>
public static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, Func<JsonElement, bool> expected, TimeSpan? deadline = null)
    {
        var timeout = deadline ?? Deadline;
        var until = DateTime.UtcNow + timeout;
        var last = "nothing yet";
        while (DateTime.UtcNow < until)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (expected(body))
                {
                    return body;
                }

                last = body.GetRawText();
            }
            else
            {
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"GET {path} did not show the expected state within {timeout.TotalSeconds} s; last: {last}");
    }
}
