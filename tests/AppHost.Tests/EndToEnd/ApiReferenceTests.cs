using System.Net.Http.Json;
using System.Text.Json;
using AppHost.Tests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AppHost.Tests.EndToEnd;

/// <summary>Every service's OpenAPI document through the gateway, and all of them in one page a browser can read.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class ApiReferenceTests(RunningSystem system, Chromium chromium, ITestOutputHelper testOutput)
    : RunningSystemTests(system, testOutput), IClassFixture<Chromium>
{
    [Theory]
    [InlineData("room", "/api/v1/rooms")]
    [InlineData("reservation", "/api/v1/reservations")]
    [InlineData("payment", "/api/v1/payments")]
    [InlineData("roomview", "/api/v1/roominfos")]
    [InlineData("notification", "/api/v1/notices")]
    public async Task Each_services_document_comes_through_the_gateway_with_the_gateways_paths_and_no_inner_address(string service, string pathPrefix)
    {
        var document = await Client.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Contains(document.GetProperty("paths").EnumerateObject(), path => path.Name.StartsWith(pathPrefix, StringComparison.Ordinal));
        Assert.False(document.TryGetProperty("servers", out var servers) && servers.GetArrayLength() > 0, $"servers: {servers}");
    }

    [Fact]
    public async Task The_reference_page_at_the_gateway_renders_each_services_operations()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(Client.Gateway.BaseAddress!, "/scalar/").ToString());

        // The default document is room's: its operations are listed once Scalar has read it through the gateway.
        await Expect(page.GetByText("/api/v1/rooms").First).ToBeVisibleAsync();
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "api-reference"));
    }
}
