using System.Globalization;

namespace Accommodation.LoadTests.Engine;

/// <summary>How load is offered for <see cref="Duration"/>: a closed model of virtual users or an open model of a request rate.</summary>
public abstract record LoadModel(TimeSpan Duration)
{
    /// <summary>The default cap on requests in flight in the open model.</summary>
    public const int DefaultMaxInFlight = 1000;

    /// <summary>
    /// <paramref name="users"/> virtual users, each sending its next request as soon as the last one ended (siege -c), or
    /// after a random pause of up to <paramref name="thinkTime"/> (siege -d).
    /// </summary>
    public static ClosedModel Closed(int users, TimeSpan duration, TimeSpan thinkTime = default) => new(users, duration, thinkTime);

    /// <summary>A fixed rate of requests per second, whatever the answers take.</summary>
    public static OpenModel Open(double rate, TimeSpan duration, int maxInFlight = DefaultMaxInFlight) =>
        new(rate, rate, duration, maxInFlight);

    /// <summary>A rate rising (or falling) linearly from <paramref name="fromRate"/> to <paramref name="toRate"/>.</summary>
    public static OpenModel Ramp(double fromRate, double toRate, TimeSpan duration, int maxInFlight = DefaultMaxInFlight) =>
        new(fromRate, toRate, duration, maxInFlight);

    /// <summary>One line for the report, e.g. "closed: 100 users for 60 s".</summary>
    public abstract string Describe();

    private protected static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}

public sealed record ClosedModel : LoadModel
{
    public ClosedModel(int users, TimeSpan duration, TimeSpan thinkTime = default) : base(duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(thinkTime, TimeSpan.Zero);
        (Users, ThinkTime) = (users, thinkTime);
    }

    public int Users { get; }

    /// <summary>
    /// After each request a user pauses a random time from zero to this, as siege -d does. Then the load hardly depends
    /// on how fast answers come: users who get instant errors do not flood the count with them.
    /// </summary>
    public TimeSpan ThinkTime { get; }

    public override string Describe() => ThinkTime > TimeSpan.Zero
        ? $"closed: {Users} users for {Seconds(Duration)} s, each pausing up to {ThinkTime.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms between requests"
        : $"closed: {Users} users for {Seconds(Duration)} s";
}

/// <summary>
/// Requests are due at fixed times computed from the rate, and each one's latency counts from when it was due, so a
/// stalled system or client cannot hide the wait (no coordinated omission). When <see cref="MaxInFlight"/> requests
/// are already waiting, a due request is not sent and counts as a failure of kind "overloaded".
/// </summary>
public sealed record OpenModel : LoadModel
{
    public OpenModel(double fromRate, double toRate, TimeSpan duration, int maxInFlight) : base(duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegative(toRate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        (FromRate, ToRate, MaxInFlight) = (fromRate, toRate, maxInFlight);
    }

    public double FromRate { get; }

    public double ToRate { get; }

    public int MaxInFlight { get; }

    /// <summary>The intended rate, in requests per second, at <paramref name="elapsed"/>.</summary>
    public double RateAt(TimeSpan elapsed) =>
        FromRate + ((ToRate - FromRate) * Math.Clamp(elapsed / Duration, 0, 1));

    /// <summary>When request number <paramref name="n"/> (from 0) is due, or null when it falls past the duration.</summary>
    /// <remarks>The requests due by time t are the area under the rate line: from·t + (to − from)·t² / 2D; solved for t.</remarks>
    public TimeSpan? DueTime(long n)
    {
        var seconds = Duration.TotalSeconds;
        var slope = (ToRate - FromRate) / (2 * seconds);
        double due;
        if (Math.Abs(slope) < 1e-12)
        {
            if (FromRate <= 0)
            {
                return null;
            }

            due = n / FromRate;
        }
        else
        {
            var discriminant = (FromRate * FromRate) + (4 * slope * n);
            if (discriminant < 0)
            {
                return null;
            }

            due = (-FromRate + Math.Sqrt(discriminant)) / (2 * slope);
        }

        return due < seconds ? TimeSpan.FromSeconds(due) : null;
    }

    public override string Describe() => FromRate.Equals(ToRate)
        ? $"open: {Rate(FromRate)} req/s for {Seconds(Duration)} s (at most {MaxInFlight} in flight)"
        : $"open ramp: {Rate(FromRate)} → {Rate(ToRate)} req/s over {Seconds(Duration)} s (at most {MaxInFlight} in flight)";

    private static string Rate(double rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}
