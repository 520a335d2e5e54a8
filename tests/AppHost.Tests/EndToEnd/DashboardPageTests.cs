using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AppHost.Tests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AppHost.Tests.EndToEnd;

/// <summary>The dashboard's pages in a real browser against the running system: what a user sees and does there.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class DashboardPageTests(RunningSystem system, Chromium chromium, ITestOutputHelper testOutput)
    : RunningSystemTests(system, testOutput), IClassFixture<Chromium>
{
    private readonly Chromium _chromium = chromium;

    [Fact]
    public async Task The_printed_login_link_opens_the_resources_table_of_the_running_system()
    {
        var page = await LoggedInPageAsync("#/resources");

        var resources = await Running.AppHostApi.GetFromJsonAsync<JsonElement>("/api/resources");
        foreach (var resource in resources.EnumerateArray())
        {
            var row = page.Locator($"tr[data-resource='{resource.GetProperty("name").GetString()}']");
            await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Running");
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Healthy");
        }

        // A service shows its stable endpoint as a link, its running replicas and its uptime.
        var gateway = page.Locator("tr[data-resource='gateway']");
        await Expect(gateway.Locator("td.endpoints a")).ToHaveAttributeAsync("href", new Regex("^http://127\\.0\\.0\\.1:\\d+"));
        await Expect(page.Locator("tr[data-resource='roomview'] td").Nth(5)).ToHaveTextAsync(new Regex("^\\d+/\\d+$"));
        await Expect(page.Locator("tr[data-resource='reservation'] td").Nth(8)).ToContainTextAsync("reservationdb");

        // A service's replicas unfold under it, each a process of its own.
        await page.Locator("tr[data-resource='roomview'] button[aria-expanded]").ClickAsync();
        await Expect(page.Locator("tr.replica[data-replica='roomview-1'] td").Nth(2)).ToHaveTextAsync("Ready");
        await Expect(page.Locator("tr.replica[data-replica='roomview-1'] td").Nth(6)).ToHaveTextAsync(new Regex("^pid \\d+$"));
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "dashboard-resources"));
    }

    [Fact]
    public async Task Without_the_token_the_pages_and_the_api_ask_to_log_in_first()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(Running.AppHostApi.BaseAddress + "#/resources");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));

        await page.GetByLabel("Token").FillAsync("not-the-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not this AppHost's");

        using var anonymous = new HttpClient { BaseAddress = Running.AppHostApi.BaseAddress };
        using var refused = await anonymous.PostAsync("/api/resources/notification/stop", content: null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", AppHostResources.State(await Resources.GetAsync("notification")));
    }

    [Fact]
    public async Task Stopping_and_starting_a_service_from_the_dashboard_changes_its_state_live()
    {
        var page = await LoggedInPageAsync("#/resources");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var row = page.Locator("tr[data-resource='notification']");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Healthy");

        try
        {
            await row.Locator("button[data-command='stop']").ClickAsync();
            await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Exited");
            Assert.Equal("Exited", AppHostResources.State(await Resources.GetAsync("notification")));
            TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "dashboard-resource-stopped"));

            await row.Locator("button[data-command='start']").ClickAsync();
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Healthy", new() { Timeout = 90_000 });
        }
        finally
        {
            await Resources.EnsureRunningAsync("notification");
        }
    }

    [Fact]
    public async Task A_reservation_s_trace_is_listed_and_renders_as_a_waterfall_through_kafka_into_every_consumer()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 72_000);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var reserved = await BookingClient.RetryUntilAsync(() => Client.Gateway.SendAsync(TelemetryTests.InTrace(traceId, HttpMethod.Post, "/api/v1/reservations",
            new { customerId = Client.Customer, roomNumber = room, checkIn = BookingClient.Today().AddDays(90), checkOut = BookingClient.Today().AddDays(92) })),
            HttpStatusCode.Created);
        var number = (await reserved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        using var paid = await BookingClient.RetryUntilAsync(() => Client.Gateway.SendAsync(TelemetryTests.InTrace(traceId, HttpMethod.Post, $"/api/v1/reservations/{number}/pay")),
            HttpStatusCode.OK);

        var page = await LoggedInPageAsync("#/traces");
        var listed = page.Locator($"tr[data-trace='{traceId}']");
        await Expect(listed).ToBeVisibleAsync();
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "dashboard-traces"));

        // Filtered by a service, the list keeps only the traces it took part in.
        await page.GetByLabel("Service").SelectOptionAsync("payment");
        await Expect(page.Locator("table.traces tbody tr").Filter(new() { HasNotText = "payment" })).ToHaveCountAsync(0);
        await Expect(listed).ToBeVisibleAsync();

        // The list refreshes every few seconds until every consumer's span is in: the waterfall is opened once it is.
        foreach (var service in new[] { "gateway", "reservation", "payment", "room", "roomview", "notification" })
        {
            await Expect(listed.Locator("td").Nth(2)).ToContainTextAsync(service);
        }

        await listed.GetByRole(AriaRole.Link).ClickAsync();
        var waterfall = page.GetByRole(AriaRole.List, new() { Name = "Waterfall" });
        await Expect(waterfall.Locator("li[data-service='payment']").First).ToBeVisibleAsync();
        foreach (var service in new[] { "gateway", "reservation", "payment", "room", "roomview", "notification" })
        {
            Assert.True(await waterfall.Locator($"li[data-service='{service}']").CountAsync() > 0, $"no span of {service} in the waterfall");
        }

        // The gateway's span comes first and spans the request; a consumer's span is indented under the producer's.
        await Expect(waterfall.Locator("li").First).ToHaveAttributeAsync("data-service", "gateway");
        var consumerIndent = await waterfall.Locator("li[data-service='room'] .label").First.EvaluateAsync<string>("label => label.style.paddingLeft");
        Assert.NotEqual("0px", consumerIndent);

        await waterfall.Locator("li[data-service='payment']").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Span details" })).ToContainTextAsync("payment");
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "dashboard-trace-waterfall"));
    }

    [Fact]
    public async Task Console_logs_follow_one_resource_live_and_search_on_the_apphost()
    {
        var page = await LoggedInPageAsync("#/console?resource=room");
        var lines = page.GetByRole(AriaRole.List, new() { Name = "Console lines" });
        await Expect(lines.Locator("li").First).ToBeVisibleAsync();
        Assert.All(await lines.Locator("li .source").AllTextContentsAsync(), source => Assert.StartsWith("room", source));

        // A line written after the page opened arrives by itself: room logs each reservation it records.
        var room = await Client.RegisterRoomAsync(pricePerNight: 73_000);
        var number = (await Client.ReserveAsync(room, BookingClient.Today().AddDays(94), BookingClient.Today().AddDays(95))).GetProperty("number").GetString()!;
        await Expect(lines.Locator("li", new() { HasText = number }).First).ToBeVisibleAsync();

        // A search is answered by the AppHost over every line it keeps, and the page then follows only matching ones.
        await page.GetByLabel("Resource").SelectOptionAsync("apphost");
        await page.GetByLabel("Search").FillAsync("Healthy");
        await Expect(lines.Locator("li").First).ToContainTextAsync("Healthy");
        Assert.All(await lines.Locator("li .text").AllTextContentsAsync(), text => Assert.Contains("healthy", text, StringComparison.OrdinalIgnoreCase));
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "dashboard-console"));
    }

    [Fact]
    public async Task Structured_logs_and_metrics_pages_show_what_the_services_exported()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 74_000);
        var number = (await Client.ReserveAsync(room, BookingClient.Today().AddDays(96), BookingClient.Today().AddDays(97))).GetProperty("number").GetString()!;

        var page = await LoggedInPageAsync($"#/logs?service=room&text={number}");
        var logs = page.GetByRole(AriaRole.Table, new() { Name = "Structured logs" });
        await Expect(logs.Locator("tbody tr").First).ToContainTextAsync(number);
        await logs.Locator("tbody tr").First.ClickAsync();
        await Expect(logs.Locator("tr.attributes")).ToContainTextAsync("Category");
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "dashboard-structured-logs"));

        await page.GotoAsync(Running.AppHostApi.BaseAddress + "#/metrics");
        var reservation = page.GetByRole(AriaRole.Region, new() { Name = "reservation" });
        await Expect(reservation.Locator("[data-metric='requestsPerSecond'] .value")).ToHaveTextAsync(new Regex(@"^\d+\.\d/s$"));
        await Expect(reservation.Locator("[data-metric='p95Milliseconds'] .value")).ToHaveTextAsync(new Regex(@"\d"));
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "dashboard-metrics"));
    }

    // The link the AppHost printed sets the login cookie and goes on to the page asked for.
    private async Task<IPage> LoggedInPageAsync(string route)
    {
        Assert.NotNull(Running.DashboardUrl);
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync($"{Running.DashboardUrl}&returnUrl={Uri.EscapeDataString("/" + route)}");
        await Expect(page.Locator("main")).Not.ToBeEmptyAsync();
        return page;
    }
}
