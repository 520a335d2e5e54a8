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

    protected BookingClient Client { get; } = new(system);

    protected AppHostResources Resources { get; } = new(system.AppHostApi);

    /// <summary>
    /// Each test starts from a quiet system: every outbox has published and every consumer group has caught up with what
    /// earlier tests produced, so a test's deadlines measure its own events, not another test's backlog.
    /// </summary>
    public Task InitializeAsync() => WaitUntilQuietAsync();

    /// <summary>Waits until every outbox has published its rows and every consumer group has committed up to the log end.</summary>
    protected async Task WaitUntilQuietAsync()
    {
        var probe = await Running.ProbeAsync();
        var started = DateTime.UtcNow;
        IReadOnlyList<string> backlog = [];
        while (DateTime.UtcNow - started < CatchUpTimeout)
        {
            backlog = await probe.BacklogAsync();
            if (backlog.Count == 0)
            {
                TestOutput.WriteLine($"outboxes and consumers caught up in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new Xunit.Sdk.XunitException($"Outboxes and consumers did not catch up within {CatchUpTimeout.TotalMinutes} min: {string.Join("; ", backlog)}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        TestOutput.WriteLine(Running.Output);
        GC.SuppressFinalize(this);
    }
}
