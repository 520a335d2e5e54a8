using System.Diagnostics;
using Accommodation.Bench.Baselines;
using Accommodation.Bench.Measurements;

namespace Accommodation.Bench;

/// <summary>
/// One bench run: this machine's baselines first (nothing else running), then the system started by its AppHost and
/// measured through the gateway, then the table of figures, ratios and targets, and the report.
/// </summary>
internal static class BenchRun
{
    private static readonly int[] SweepConnections = [4, 16, 64, 128];
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    // Customers booking one stay after another: twice what one payment replica approves at once (8).
    private const int BookingUsers = 16;

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        void Log(string line) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}");

        Log($"Baselines: {options.Duration.TotalSeconds:0} s each, {options.Connections} connections.");
        var baselines = await BaselineRun.MeasureAsync(
            new BaselineSettings { Duration = options.Duration, Connections = options.Connections }, Log, cancellationToken);

        var figures = new List<Figure>();
        var sweep = new List<SweepPoint>();
        IReadOnlyDictionary<string, long> memory;
        await using (var system = await BenchSystem.StartAsync(Log))
        {
            var measure = new SystemMeasurements(system, options, Log);
            Log("Registering rooms for the measurements…");
            var readRooms = await Stays.RegisterAsync(system, 'R', 1, cancellationToken);
            var writeRooms = await Stays.RegisterAsync(system, 'W', 200, cancellationToken);
            var bookingRooms = await Stays.RegisterAsync(system, 'B', 20, cancellationToken);
            var lagRooms = await Stays.RegisterAsync(system, 'L', Stays.RoomsFor((long)(options.EventRate * options.Duration.TotalSeconds * 1.5)), cancellationToken);

            // Tiered JIT, connection pools and caches settle in the first seconds of load; none of that is measured.
            var warmUp = new SystemMeasurements(system, options with { Duration = WarmUp }, Log);
            Log($"Warming up ({WarmUp.TotalSeconds:0} s each of read, write and booking)…");
            long written = 0;
            await warmUp.ReadAsync(readRooms, options.Connections, cancellationToken);
            written += (await warmUp.WriteAsync(writeRooms, written, options.Connections, cancellationToken)).Requests + options.Connections;
            await warmUp.BookingAsync(bookingRooms, BookingUsers, cancellationToken);

            await QuietMachine.WaitAsync(Log, cancellationToken);
            Log("Read: room availability…");
            var read = await measure.ReadAsync(readRooms, options.Connections, cancellationToken);
            Log($"  {read}");
            await QuietMachine.WaitAsync(Log, cancellationToken);
            Log("Write: create reservation…");
            var write = await measure.WriteAsync(writeRooms, written, options.Connections, cancellationToken);
            written += write.Requests + options.Connections;
            Log($"  {write}");
            await QuietMachine.WaitAsync(Log, cancellationToken);
            Log("Booking: reserve + pay…");
            var booking = await measure.BookingAsync(bookingRooms, BookingUsers, cancellationToken);
            Log($"  {booking.Ok} bookings, {booking.Ok / options.Duration.TotalSeconds:0.0} /s, p99 {booking.Latency?.P99:0} ms; answers: {string.Join(", ", booking.Statuses.Select(status => $"{status.Key} × {status.Value}"))}");
            await QuietMachine.WaitAsync(Log, cancellationToken);
            Log($"Event lag at {options.EventRate:0} reservations/s…");
            var lag = await measure.EventLagAsync(lagRooms, options.EventRate, cancellationToken);
            // After every load, before the circuit measurement restarts payment.
            memory = await measure.ResidentMemoryAsync(cancellationToken);
            await QuietMachine.WaitAsync(Log, cancellationToken);
            Log("Circuit open: pay's fallback at reservation…");
            var circuit = await measure.CircuitOpenAsync(bookingRooms, options.EventRate, cancellationToken);
            Log($"  {circuit}");

            if (options.Sweep)
            {
                foreach (var connections in SweepConnections)
                {
                    await QuietMachine.WaitAsync(Log, cancellationToken);
                    Log($"Sweep: {connections} connections…");
                    var sweepRead = await measure.ReadAsync(readRooms, connections, cancellationToken);
                    var sweepWrite = await measure.WriteAsync(writeRooms, written, connections, cancellationToken);
                    written += sweepWrite.Requests + connections;
                    sweep.Add(new SweepPoint(connections, sweepRead, sweepWrite));
                }
            }

            figures.AddRange(
            [
                Figure.AtLeast("read: room availability", read.RequestsPerSecond, "req/s", "YARP → minimal endpoint", baselines.MinimalViaYarp.RequestsPerSecond, 0.75),
                new Figure("read: p99", read.P99.TotalMilliseconds, "ms"),
                Figure.AtLeast("write: create reservation", write.RequestsPerSecond, "req/s", "YARP → one-INSERT endpoint", baselines.InsertViaYarp.RequestsPerSecond, 0.6),
                new Figure("write: p99", write.P99.TotalMilliseconds, "ms"),
                new Figure("booking: reserve + pay", booking.Ok / options.Duration.TotalSeconds, "bookings/s"),
                new Figure("booking: p99", booking.Latency?.P99 ?? double.NaN, "ms"),
                new Figure($"event lag: reservations taken of {options.EventRate:0}/s offered", lag.AchievedRate, "/s"),
                new Figure("event lag p50", lag.P50.TotalMilliseconds, "ms"),
                Figure.AtMost("event lag p99", lag.P99.TotalMilliseconds, "ms", 50),
                Figure.AtMost($"circuit open: fallback p99 at reservation, {options.EventRate:0}/s", circuit.AtRate.Latency?.P99 ?? double.NaN, "ms", 5),
                new Figure("circuit open: fallbacks at saturation (wrk, 8 connections)", circuit.Saturated.RequestsPerSecond, "req/s"),
                new Figure("circuit open: p99 at saturation", circuit.Saturated.P99.TotalMilliseconds, "ms"),
                Figure.AtMost("AppHost start-up, built → all healthy", system.StartUp.TotalSeconds, "s", 20),
            ]);
            figures.AddRange(memory.Select(replica => Figure.AtMost($"resident memory: {replica.Key}", replica.Value / 1_048_576.0, "MB", 150)));
        }

        var report = new BenchReport(options, baselines, figures, sweep, DateTimeOffset.Now);
        report.PrintTable();
        var folder = await report.WriteAsync(cancellationToken);
        Log($"Report: {folder}");
        return figures.All(figure => figure.Met != false) ? 0 : 1;
    }
}

/// <summary>Read and write at one load level of the sweep.</summary>
internal sealed record SweepPoint(int Connections, WrkResult Read, WrkResult Write);
