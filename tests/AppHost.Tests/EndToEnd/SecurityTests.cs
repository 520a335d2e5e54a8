using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// Issue 7's attempts against the running system, through the gateway and round it: someone else's ids, forged and
/// misdirected tokens, wrong roles, a real user's sign-in, and the per-user rate limit.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class SecurityTests(RunningSystem system, ITestOutputHelper testOutput) : RunningSystemTests(system, testOutput)
{
    [Fact]
    public async Task Another_customer_gets_404_for_every_id_route_of_someone_elses_reservation_and_changes_nothing()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 80_000);
        var checkIn = BookingClient.Today().AddDays(150);
        var number = (await Client.ReserveAsync(room, checkIn, checkIn.AddDays(2))).GetProperty("number").GetString()!;
        var paid = await Client.PayAsync(number);
        var paymentId = paid.GetProperty("paymentId").GetString()!;
        var owner = Client.Customer;
        // The owner's own view exists before anyone else asks for it.
        await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(number), _ => true);
        var other = new BookingClient(Running);

        (HttpMethod Method, string Path)[] attempts =
        [
            (HttpMethod.Get, $"/api/v1/reservations/{number}"),
            (HttpMethod.Post, $"/api/v1/reservations/{number}/pay"),
            (HttpMethod.Post, $"/api/v1/reservations/{number}/cancel"),
            (HttpMethod.Get, $"/api/v1/reservations?customerId={owner}"),
            (HttpMethod.Get, $"/api/v1/customers/{owner}/reservations"),
            (HttpMethod.Get, $"/api/v1/customers/{owner}/reservations/{number}"),
            (HttpMethod.Get, $"/api/v1/customers/{owner}/reservations/stream"),
            (HttpMethod.Get, $"/api/v1/payments/{paymentId}"),
            (HttpMethod.Get, $"/api/v1/payments?customerId={owner}"),
            (HttpMethod.Get, $"/api/v1/notices?customerId={owner}"),
        ];
        foreach (var (method, path) in attempts)
        {
            using var response = await other.Gateway.SendAsync(new HttpRequestMessage(method, path), HttpCompletionOption.ResponseHeadersRead);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} by another customer: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var reservation = await Client.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{number}");
        Assert.Equal("Confirmed", reservation.GetProperty("status").GetString());
        Assert.Equal(owner, reservation.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task A_customer_id_in_the_body_is_not_who_reserves()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 80_000);
        var checkIn = BookingClient.Today().AddDays(160);

        using var reserved = await BookingClient.RetryUntilAsync(
            () => Client.Gateway.PostAsJsonAsync("/api/v1/reservations", new { customerId = "kim", status = "Confirmed", roomNumber = room, checkIn, checkOut = checkIn.AddDays(1) }),
            HttpStatusCode.Created);

        var reservation = await reserved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Client.Customer, reservation.GetProperty("customerId").GetString());
        Assert.Equal("Held", reservation.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("reservation", "GET", "/api/v1/reservations/R-00000000-0000")]
    [InlineData("payment", "POST", "/api/v1/payments")]
    [InlineData("payment", "GET", "/api/v1/payments?reservationNumber=R-1")]
    [InlineData("notification", "GET", "/api/v1/notices")]
    [InlineData("roomview", "GET", "/api/v1/customers/kim/reservations")]
    [InlineData("room", "POST", "/api/v1/rooms")]
    public async Task A_call_round_the_gateway_without_a_valid_token_is_refused_by_the_service_itself(string service, string method, string path)
    {
        var url = (await Resources.GetAsync(service)).GetProperty("url").GetString()!;
        using var direct = new HttpClient { BaseAddress = new Uri(url) };
        var borrowed = await Running.Tokens.GetAsync(customerId: null, CancellationToken.None);

        foreach (var (name, token) in new (string, string?)[] { ("no token", null), ("alg none", TestTokens.Unsigned(borrowed)), ("tampered", TestTokens.Tampered(borrowed, "kim")) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
            using var response = await direct.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} straight to {service}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Forged_tokens_and_a_token_of_another_issuer_are_refused_at_the_gateway()
    {
        var borrowed = await Running.Tokens.GetAsync(customerId: null, CancellationToken.None);
        string[] forged =
        [
            TestTokens.Unsigned(borrowed),
            TestTokens.Tampered(borrowed, "kim"),
            // Well formed and signed, but by a key and an issuer of the tests' own.
            TestTokens.Manager("room"),
        ];

        foreach (var token in forged)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rooms") { Content = JsonContent.Create(new { number = "F1", type = "Suite", name = "Forged", pricePerNight = 1 }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Running.Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var room = await Running.Anonymous.GetAsync("/api/v1/rooms/F1");
        Assert.Equal(HttpStatusCode.NotFound, room.StatusCode);
    }

    [Fact]
    public async Task A_customer_may_not_run_the_rooms_and_no_one_charges_through_the_gateway()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 80_000);

        using var register = await Client.Gateway.PostAsJsonAsync("/api/v1/rooms", new { number = "C1", type = "Suite", name = "Mine", pricePerNight = 1 });
        using var change = await Client.Gateway.PatchAsJsonAsync($"/api/v1/rooms/{room}", new { pricePerNight = 1 });
        using var checkOut = await Client.Gateway.PostAsync($"/api/v1/rooms/{room}/check-out", content: null);
        using var charge = await Running.Gateway.PostAsJsonAsync("/api/v1/payments", new { reservationNumber = "R-1", customerId = "kim", amount = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, checkOut.StatusCode);
        Assert.True(charge.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)charge.StatusCode}");
    }

    [Fact]
    public async Task A_demo_user_signs_in_with_code_and_PKCE_through_the_gateway_and_sees_only_their_own()
    {
        var kim = await TokenScriptAsync("kim");
        var lee = await TokenScriptAsync("lee");
        using var asKim = new HttpClient { BaseAddress = Running.Gateway.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", kim) } };
        using var asLee = new HttpClient { BaseAddress = Running.Gateway.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", lee) } };

        using var own = await asKim.GetAsync("/api/v1/customers/kim/reservations");
        using var others = await asLee.GetAsync("/api/v1/customers/kim/reservations");
        using var registering = await asKim.PostAsJsonAsync("/api/v1/rooms", new { number = "K1", type = "Suite", name = "Kim's", pricePerNight = 1 });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, registering.StatusCode);
        Assert.Equal("kim", new JsonWebToken(kim).Subject);
    }

    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_Retry_After()
    {
        var park = await TokenScriptAsync("park");
        using var asPark = new HttpClient { BaseAddress = Running.Gateway.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", park) } };

        // 200 per 10 s window: 450 requests overflow at least one window, wherever the windows fall.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var seen = new List<(HttpStatusCode Status, TimeSpan? RetryAfter)>();
            for (var i = 0; i < 57; i++)
            {
                using var response = await asPark.GetAsync("/api/v1/roominfos");
                seen.Add((response.StatusCode, response.Headers.RetryAfter?.Delta));
            }

            return seen;
        }));

        var limited = statuses.SelectMany(seen => seen).Where(seen => seen.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, seen => Assert.InRange(seen.RetryAfter!.Value.TotalSeconds, 1, 10));
        Assert.DoesNotContain(statuses.SelectMany(seen => seen), seen => seen.Status is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
    }

    private async Task<string> TokenScriptAsync(string user)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", "token.sh"), user])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["GATEWAY"] = Running.Gateway.BaseAddress!.ToString().TrimEnd('/') },
        };
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var error = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        Assert.True(script.ExitCode == 0, $"scripts/token.sh {user} exited {script.ExitCode}: {error}");
        return (await output).Trim();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Accommodation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No Accommodation.sln above the test's folder.");
    }
}
