using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// What Kubernetes did for the requirements' team, done by the AppHost and checked through its API: a readiness-gated
/// rolling redeploy drops no request, a replica that fails liveness is replaced, and payment scales out under load
/// and back in after it.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class OperationsTests(RunningSystem system, ITestOutputHelper testOutput) : RunningSystemTests(system, testOutput)
{
    [Fact]
    public async Task A_rolling_redeploy_of_reservation_under_steady_load_fails_no_request()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 60_000);
        var number = (await Client.ReserveAsync(room, BookingClient.Today().AddDays(70), BookingClient.Today().AddDays(71))).GetProperty("number").GetString()!;
        var before = AppHostResources.Replicas(await Resources.GetAsync("reservation")).Single();

        using var load = new CancellationTokenSource();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                using var response = await Client.Gateway.GetAsync($"/api/v1/reservations/{number}", CancellationToken.None);
                statuses.Add(response.StatusCode);
            }
        })).ToList();

        // With a setting changed on the way, as `kubectl set env` would: holds now last 20 minutes.
        var redeployed = await Resources.CommandAsync("reservation", "redeploy", new { environment = new Dictionary<string, string> { ["Reservation__HoldTime"] = "00:20:00" } });
        await load.CancelAsync();
        await Task.WhenAll(workers);

        var after = AppHostResources.Replicas(redeployed).Single();
        Assert.Equal("00:20:00", redeployed.GetProperty("environmentOverrides").GetProperty("Reservation__HoldTime").GetString());
        var held = await Client.ReserveAsync(room, BookingClient.Today().AddDays(72), BookingClient.Today().AddDays(73));
        var holdTime = held.GetProperty("holdExpiresAt").GetDateTimeOffset() - held.GetProperty("placedAt").GetDateTimeOffset();
        Assert.InRange(holdTime, TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(1));
        Assert.NotEqual(before.GetProperty("name").GetString(), after.GetProperty("name").GetString());
        Assert.NotEqual(before.GetProperty("processId").GetInt32(), after.GetProperty("processId").GetInt32());
        Assert.True(statuses.Count > 20, $"only {statuses.Count} requests were made during the redeploy");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_replica_whose_liveness_fails_is_replaced_by_a_new_one()
    {
        var before = await Resources.WaitUntilHealthyAsync("room");
        var broken = AppHostResources.Replicas(before).Single().GetProperty("name").GetString()!;

        await Resources.CommandAsync("room", $"replicas/{broken}/fail-liveness");

        var healed = await Eventually.GetJsonAsync(Running.AppHostApi, "/api/resources/room", resource =>
            resource.GetProperty("restarts").GetInt32() == before.GetProperty("restarts").GetInt32() + 1
            && AppHostResources.Replicas(resource) is [{ } replica]
            && replica.GetProperty("name").GetString() != broken
            && replica.GetProperty("healthy").GetBoolean(), TimeSpan.FromSeconds(90));
        Assert.Equal("Ready", AppHostResources.Replicas(healed).Single().GetProperty("state").GetString());
        using var rooms = await Client.Gateway.GetAsync("/api/v1/rooms");
        Assert.Equal(HttpStatusCode.OK, rooms.StatusCode);
    }

    [Fact]
    public async Task Payment_scales_out_under_load_and_back_in_after_it()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 40_000);
        await Client.ReserveAsync(room, BookingClient.Today().AddDays(100), BookingClient.Today().AddDays(101));
        var nights = 101;
        await SetAutoscaleAsync(new { enabled = true, minReplicas = 1, maxReplicas = 3, targetInFlight = 1, scaleInCooldown = "00:00:05" });
        try
        {
            using var load = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (!load.IsCancellationRequested)
                {
                    var night = BookingClient.Today().AddDays(Interlocked.Increment(ref nights));
                    var number = (await Client.ReserveAsync(room, night, night.AddDays(1))).GetProperty("number").GetString()!;
                    using var paid = await Client.Gateway.PostAsync($"/api/v1/reservations/{number}/pay", content: null, CancellationToken.None);
                }
            })).ToList();

            var scaledOut = await Eventually.GetJsonAsync(Running.AppHostApi, "/api/resources/payment", payment =>
                AppHostResources.Replicas(payment).Count(replica => replica.GetProperty("state").GetString() == "Ready") >= 2, TimeSpan.FromSeconds(90));
            await load.CancelAsync();
            await Task.WhenAll(workers);

            Assert.True(scaledOut.GetProperty("desiredReplicas").GetInt32() >= 2);
            var scaledIn = await Eventually.GetJsonAsync(Running.AppHostApi, "/api/resources/payment", payment =>
                payment.GetProperty("desiredReplicas").GetInt32() == 1 && AppHostResources.Replicas(payment).Count == 1, TimeSpan.FromSeconds(60));
            Assert.True(scaledIn.GetProperty("autoscale").GetProperty("settings").GetProperty("enabled").GetBoolean());
        }
        finally
        {
            await SetAutoscaleAsync(new { enabled = false, minReplicas = 1, maxReplicas = 3, targetInFlight = 1 });
        }
    }

    [Fact]
    public async Task Scaling_by_hand_is_refused_while_autoscaling_is_on_and_bad_settings_are_a_400()
    {
        using var invalid = await Running.AppHostApi.PutAsJsonAsync("/api/resources/payment/autoscale", new { enabled = true, minReplicas = 3, maxReplicas = 2, targetInFlight = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var malformed = await Running.AppHostApi.PutAsync("/api/resources/payment/autoscale", new StringContent("{\"enabled\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        using var noCount = await Running.AppHostApi.PostAsync("/api/resources/roomview/scale", content: null);
        Assert.Equal(HttpStatusCode.BadRequest, noCount.StatusCode);

        await SetAutoscaleAsync(new { enabled = true, minReplicas = 1, maxReplicas = 2, targetInFlight = 50 });
        try
        {
            using var byHand = await Running.AppHostApi.PostAsync("/api/resources/payment/scale?replicas=2", content: null);
            Assert.Equal(HttpStatusCode.Conflict, byHand.StatusCode);
        }
        finally
        {
            await SetAutoscaleAsync(new { enabled = false, minReplicas = 1, maxReplicas = 2, targetInFlight = 50 });
        }
    }

    private async Task SetAutoscaleAsync(object settings)
    {
        using var response = await Running.AppHostApi.PutAsJsonAsync("/api/resources/payment/autoscale", settings);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("autoscale").ValueKind);
    }
}
