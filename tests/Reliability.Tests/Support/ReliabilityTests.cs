using Xunit.Abstractions;

namespace Reliability.Tests.Support;

/// <summary>
/// A test class of the reliability suite: a customer of its own, the AppHost API, the ledger, and the system's
/// output in the test log (what every process printed, which is what one reads first when a test fails).
/// </summary>
[Collection(ReliabilityCollection.Name)]
public abstract class ReliabilityTests(ReliabilitySystem system, ReliabilityLedger ledger, ITestOutputHelper testOutput) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(4);

    protected ReliabilitySystem Running { get; } = system;

    protected ReliabilityLedger Ledger { get; } = ledger;

    protected ITestOutputHelper TestOutput { get; } = testOutput;

    protected BookingClient Client { get; } = new(system.Gateway);

    protected AppHostResources Resources { get; } = new(system.AppHostApi);

    /// <summary>
    /// Each test starts from a quiet system: every consumer group has caught up with what earlier tests produced, so a
    /// test's deadlines measure its own events, not another test's backlog.
    /// </summary>
    public async Task InitializeAsync()
    {
        var probe = await Running.ProbeAsync();
        var started = DateTime.UtcNow;
        IReadOnlyList<string> lag = [];
        while (DateTime.UtcNow - started < CatchUpTimeout)
        {
            lag = await probe.ConsumerLagAsync();
            if (lag.Count == 0)
            {
                TestOutput.WriteLine($"consumers caught up in {(DateTime.UtcNow - started).TotalSeconds:F1} s before the test");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new Xunit.Sdk.XunitException($"Consumers did not catch up within {CatchUpTimeout.TotalMinutes} min: {string.Join("; ", lag)}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        TestOutput.WriteLine(Running.Output);
        GC.SuppressFinalize(this);
    }
}
