using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class OpenApiTests(ReservationApiFactory factory)
{
    [Theory]
    [InlineData("/api/v1/reservations", "post", new[] { "201", "400", "401", "403", "409", "422" })]
    [InlineData("/api/v1/reservations", "get", new[] { "200", "400", "401", "403", "404" })]
    [InlineData("/api/v1/reservations/{number}", "get", new[] { "200", "400", "401", "403", "404" })]
    [InlineData("/api/v1/reservations/{number}/pay", "post", new[] { "200", "400", "401", "402", "403", "404", "409", "503" })]
    [InlineData("/api/v1/reservations/{number}/cancel", "post", new[] { "200", "400", "401", "403", "404", "409" })]
    [InlineData("/api/v1/reservations/{number}/check-out", "post", new[] { "200", "400", "401", "403", "404", "409" })]
    public async Task The_document_tells_every_status_an_endpoint_answers_with(string path, string method, string[] statuses)
    {
        // Anonymous: the API reference is public.
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.Equal(statuses, responses.EnumerateObject().Select(response => response.Name).Order(StringComparer.Ordinal));
    }
}
