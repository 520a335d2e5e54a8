using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Client spans for Redis commands, built on StackExchange.Redis's profiling API: the commands issued under a
/// recorded span collect in a profiling session of that span, which a timer turns into its child spans.
/// </summary>
internal sealed class RedisTracing : IDisposable
{
    public const string ActivitySourceName = "StackExchange.Redis";

    // A span that is never ended (a caller's bug) must not keep its session, and itself, alive forever.
    private const int MaxIdleDrains = 60;

    private static readonly ActivitySource Source = new(ActivitySourceName);
    private static readonly TimeSpan DrainInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Activity, ParentSession> _sessions = new();
    private readonly Timer _drainTimer;

    public RedisTracing() => _drainTimer = new Timer(_ => Drain(), null, DrainInterval, DrainInterval);

    public void Instrument(IConnectionMultiplexer multiplexer) => multiplexer.RegisterProfiler(SessionOfCurrentSpan);

    // Called by the multiplexer for every command, on the caller's thread: it must stay this cheap.
    private ProfilingSession? SessionOfCurrentSpan() =>
        // Under the default parent-based sampler the children of an unrecorded span (a filtered probe) are dropped anyway.
        Source.HasListeners() && Activity.Current is { Recorded: true } parent
            ? _sessions.GetOrAdd(parent, static _ => new ParentSession()).Session
            : null;

    private void Drain()
    {
        foreach (var (parent, entry) in _sessions)
        {
            // Read before draining: every command that completed before its parent ended is in this drain.
            var parentEnded = parent.IsStopped;
            var drained = 0;
            foreach (var command in entry.Session.FinishProfiling())
            {
                Record(parent, command);
                drained++;
            }

            entry.IdleDrains = drained > 0 ? 0 : entry.IdleDrains + 1;
            if (parentEnded || entry.IdleDrains >= MaxIdleDrains)
            {
                _sessions.TryRemove(parent, out _);
            }
        }
    }

    private static void Record(Activity parent, IProfiledCommand command)
    {
        var (address, port) = AddressOf(command.EndPoint);
        KeyValuePair<string, object?>[] tags =
        [
            new("db.system.name", "redis"),
            new("db.operation.name", command.Command),
            new("db.namespace", command.Db.ToString(CultureInfo.InvariantCulture)),
            new("server.address", address),
            new("server.port", port),
        ];
        using var span = Source.StartActivity(
            command.Command, ActivityKind.Client, parent.Context, tags, startTime: command.CommandCreated);
        span?.SetEndTime(span.StartTimeUtc + command.ElapsedTime);
    }

    private static (string? Address, int? Port) AddressOf(EndPoint? endPoint) => endPoint switch
    {
        DnsEndPoint dns => (dns.Host, dns.Port),
        IPEndPoint ip => (ip.Address.ToString(), ip.Port),
        _ => (endPoint?.ToString(), null),
    };

    public void Dispose()
    {
        _drainTimer.Dispose();
        Drain();
    }

    private sealed class ParentSession
    {
        public ProfilingSession Session { get; } = new();

        public int IdleDrains { get; set; }
    }
}
