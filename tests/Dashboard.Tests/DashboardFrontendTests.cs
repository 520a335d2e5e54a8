using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Dashboard.ConsoleLogs;
using Accommodation.Dashboard.Frontend;
using Accommodation.Testing;

namespace Dashboard.Tests;

/// <summary>The pages and their login, and the console-log API, on a loopback port.</summary>
public sealed class DashboardFrontendTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Without_the_token_pages_go_to_the_login_form_and_the_api_answers_401()
    {
        await using var server = await StartAsync(new DashboardFrontendOptions { BrowserToken = Token });
        using var client = server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var page = await client.GetAsync("/");
        using var api = await client.GetAsync("/api/console");
        using var loginForm = await client.GetAsync("/login");
        using var wrong = await client.GetAsync("/login?t=guess");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?returnUrl=%2F", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form", await loginForm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_login_link_sets_a_strict_http_only_cookie_and_goes_on_to_a_local_page_only()
    {
        await using var server = await StartAsync(new DashboardFrontendOptions { BrowserToken = Token });
        using var client = server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var login = await client.GetAsync($"/login?t={Token}&returnUrl=%2F%23%2Ftraces");
        using var elsewhere = await client.GetAsync($"/login?t={Token}&returnUrl=https%3A%2F%2Fevil.example%2F");
        using var protocolRelative = await client.GetAsync($"/login?t={Token}&returnUrl=%2F%2Fevil.example");

        Assert.Equal("/#/traces", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/", elsewhere.Headers.Location?.OriginalString);
        Assert.Equal("/", protocolRelative.Headers.Location?.OriginalString);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var page = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/js/app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_send_the_token_as_a_bearer_token_and_unsecured_mode_asks_for_nothing()
    {
        await using var secured = await StartAsync(new DashboardFrontendOptions { BrowserToken = Token });
        using var client = secured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var withToken = await client.GetAsync("/api/console");

        await using var unsecured = await StartAsync(new DashboardFrontendOptions { AuthMode = DashboardAuthMode.Unsecured });
        using var anyone = unsecured.CreateClient();
        using var page = await anyone.GetAsync("/");
        using var script = await anyone.GetAsync("/js/app.js");
        using var missing = await anyone.GetAsync("/js/nothing.js");

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_console_stream_sends_the_kept_lines_then_each_new_one_of_the_resource_asked_for()
    {
        var lines = new ConsoleLogStore(new ConsoleLogLimits());
        lines.Add("room", "room", "kept before");
        await using var server = await StartAsync(new DashboardFrontendOptions { AuthMode = DashboardAuthMode.Unsecured }, lines);
        using var client = server.CreateClient();

        await using var stream = await client.GetStreamAsync("/api/console/stream?resource=room");
        using var reader = new StreamReader(stream);
        var first = await NextBatchAsync(reader);
        lines.Add("payment", "payment", "not asked for");
        lines.Add("room", "room-2", "written after");
        var second = await NextBatchAsync(reader);

        Assert.Equal("kept before", Assert.Single(first.EnumerateArray()).GetProperty("text").GetString());
        var after = Assert.Single(second.EnumerateArray());
        Assert.Equal("written after", after.GetProperty("text").GetString());
        Assert.Equal("room-2", after.GetProperty("source").GetString());
    }

    [Fact]
    public async Task An_open_console_stream_ends_when_the_server_stops_instead_of_holding_up_its_stop()
    {
        var server = await StartAsync(new DashboardFrontendOptions { AuthMode = DashboardAuthMode.Unsecured });
        using var client = server.CreateClient();
        await using var stream = await client.GetStreamAsync("/api/console/stream");
        using var reader = new StreamReader(stream);
        await NextBatchAsync(reader);

        // Kestrel would wait for open requests up to the host's shutdown timeout (30 s) before cutting them.
        var stopping = server.DisposeAsync().AsTask();
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
        // The stream has ended: what is left of it reads to its end.
        Assert.DoesNotContain("data:", await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(15)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/console?limit=0", "limit")]
    [InlineData("/api/console?after=-1", "after")]
    [InlineData("/api/console/stream?limit=100000", "limit")]
    public async Task Bad_console_queries_are_problems_that_name_the_field(string path, string field)
    {
        await using var server = await StartAsync(new DashboardFrontendOptions { AuthMode = DashboardAuthMode.Unsecured });
        using var client = server.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    // Server-sent events: "event: lines", "data: [...]", then an empty line.
    private static async Task<JsonElement> NextBatchAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new EndOfStreamException("The stream ended.");
    }

    private static Task<LoopbackServer> StartAsync(DashboardFrontendOptions options, ConsoleLogStore? lines = null) =>
        LoopbackServer.StartAsync(app =>
        {
            app.UseDashboardAuthentication(options);
            app.MapDashboardLogin(options);
            app.MapDashboardPages();
            app.MapConsoleLogApi(lines ?? new ConsoleLogStore(new ConsoleLogLimits()));
        });
}
