using Accommodation.Reservations.Api.Grpc;
using CsCheck;
using Grpc.Core;
using Grpc.Net.Client;
using Reliability.Tests.Support;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Reliability.Tests.BadInput;

/// <summary>
/// Issue 5, "Bad input": every public operation, REST through the gateway and gRPC on reservation's own endpoint,
/// gets thousands of generated, certainly bad requests. Each must be refused as the client's problem, naming the field
/// at fault, never with a server error, and nothing anywhere may change: every table and Redis are the same afterwards.
/// </summary>
public sealed class BadInputTests(ReliabilitySystem system, ReliabilityLedger ledger, ITestOutputHelper testOutput)
    : ReliabilityTests(system, ledger, testOutput)
{
    private const int RestRequests = 11_000;
    private const int GrpcCalls = 2_000;

    // Modest parallelism: the machine has two cores and runs the whole system.
    private const int InFlight = 8;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    // Longer than a run takes, snapshots included.
    private static readonly TimeSpan RunWindow = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Every_rest_endpoint_answers_generated_bad_input_with_a_problem_and_changes_nothing()
    {
        var target = await PrepareTargetAsync();
        await using var redis = await ConnectRedisAsync();
        var before = await SettledSnapshotAsync(redis);

        var run = new BadInputRun();
        try
        {
            await RestOperations.All(target).SampleAsync(
                request => run.SendAsync(Running.Gateway, request),
                TestOutput.WriteLine, iter: RestRequests, threads: InFlight, print: request => request.ToString());
        }
        finally
        {
            Ledger.RequestsSent(run.Sent, run.ServerErrors);
            run.Report(TestOutput, "REST through the gateway");
        }

        Assert.Equal(0, run.ServerErrors);
        await AssertUnchangedAsync(before, redis);
    }

    [Fact]
    public async Task Every_grpc_method_refuses_generated_bad_input_naming_the_field_and_changes_nothing()
    {
        var target = await PrepareTargetAsync();
        var reservation = await Resources.GetAsync("reservation");
        var grpcUrl = AppHostResources.Replicas(reservation).First().GetProperty("endpoints").GetProperty("grpc").GetString()!;
        // Straight to the service, so with a token of the load-test client in every call's metadata.
        var token = await Running.Tokens.GetAsync(customerId: null, CancellationToken.None);
        var bearer = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        // No limit on what the client sends: the server's own limit is under test.
        using var channel = GrpcChannel.ForAddress(grpcUrl, new GrpcChannelOptions
        {
            MaxSendMessageSize = null,
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, bearer),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        var invoker = channel.CreateCallInvoker();
        var client = new Reservations.ReservationsClient(invoker);
        await using var redis = await ConnectRedisAsync();
        var before = await SettledSnapshotAsync(redis);

        var run = new BadInputRun();
        try
        {
            await GrpcOperations.All(target).SampleAsync(
                call => run.CallAsync(client, invoker, call),
                TestOutput.WriteLine, iter: GrpcCalls, threads: InFlight, print: call => call.ToString());
        }
        finally
        {
            Ledger.RequestsSent(run.Sent, run.ServerErrors);
            run.Report(TestOutput, $"gRPC at {grpcUrl}");
        }

        Assert.Equal(0, run.ServerErrors);
        await AssertUnchangedAsync(before, redis);
    }

    /// <summary>A room, and a paid (so never expiring) reservation of this test's customer; and every id that exists.</summary>
    private async Task<Target> PrepareTargetAsync()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 90_000);
        var checkIn = BookingClient.Today().AddDays(200);
        var held = await Client.ReserveAsync(room, checkIn, checkIn.AddDays(2));
        var paid = await Client.PayAsync(held.GetProperty("number").GetString()!);
        // The read model must know the room, or its routes would answer "unknown room" to everything.
        await Eventually.GetJsonAsync(Running.Gateway, $"/api/v1/roominfos/{room}", _ => true);

        var probe = await Running.ProbeAsync();
        await using var redis = await ConnectRedisAsync();
        var roomViewNumbers = await redis.GetDatabase().SortedSetRangeByRankAsync("roominfo:numbers");
        // A room is known wherever any service has it, events published by other tests included.
        var rooms = (await ColumnAsync(probe, "roomdb", "select number from rooms"))
            .Concat(await ColumnAsync(probe, "reservationdb", "select number from room_catalog"))
            .Concat(roomViewNumbers.Select(number => number.ToString()))
            .Select(number => number.ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return new Target(
            room,
            paid.GetProperty("number").GetString()!,
            Client.Customer,
            paid.GetProperty("paymentId").GetGuid(),
            BookingClient.Today(),
            rooms,
            (await ColumnAsync(probe, "paymentdb", "select id::text from payments")).Select(Guid.Parse).ToHashSet(),
            (await ColumnAsync(probe, "notificationdb", "select id::text from notices")).Select(Guid.Parse).ToHashSet());
    }

    private async Task<SystemSnapshot> SettledSnapshotAsync(IConnectionMultiplexer redis)
    {
        var probe = await Running.ProbeAsync();
        await WaitOutHoldsRunningOutAsync(probe);
        // The target's own events (a room, a reservation, a payment) first reach every service.
        await WaitUntilQuietAsync();
        var snapshot = await SystemSnapshot.WhenStableAsync(() => SystemSnapshot.TakeAsync(probe, redis), SettleTimeout);
        TestOutput.WriteLine($"Before:{Environment.NewLine}{snapshot}");
        return snapshot;
    }

    /// <summary>
    /// A hold (of another test's reservation) that runs out during the run is expired by the scan: a change made by
    /// time, not by bad input. Those are waited out first; the settling that follows lets their events drain.
    /// </summary>
    private static async Task WaitOutHoldsRunningOutAsync(SystemProbe probe)
    {
        var until = DateTime.UtcNow + RunWindow + SettleTimeout;
        while (await probe.CountAsync("reservationdb", "select count(*) from reservations where status = 'Held' and hold_expires_at < now() + $1", RunWindow) > 0)
        {
            Assert.True(DateTime.UtcNow < until, $"Holds kept running out for {(RunWindow + SettleTimeout).TotalSeconds} s.");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private async Task AssertUnchangedAsync(SystemSnapshot before, IConnectionMultiplexer redis)
    {
        var after = await SystemSnapshot.TakeAsync(await Running.ProbeAsync(), redis);
        var changes = after.ChangesSince(before);
        Assert.True(changes.Count == 0, $"Bad input changed the system:{Environment.NewLine}{string.Join(Environment.NewLine, changes)}");
    }

    private async Task<ConnectionMultiplexer> ConnectRedisAsync() =>
        await ConnectionMultiplexer.ConnectAsync((await Running.ProbeAsync()).Redis);

    private static async Task<IEnumerable<string>> ColumnAsync(SystemProbe probe, string database, string sql) =>
        (await probe.QueryAsync(database, sql)).Select(row => (string)row.Values.Single()!);
}
