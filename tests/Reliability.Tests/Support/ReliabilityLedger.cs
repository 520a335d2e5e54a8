using Xunit.Abstractions;
using Xunit.Sdk;

namespace Reliability.Tests.Support;

/// <summary>
/// The suite's figures, added up by every test: faults injected, requests sent, 5xx answers, lost and duplicated
/// effects. Each test asserts its own share of the last three is 0; at the end the summary line is printed (xunit
/// diagnostic message) and written to reliability-summary.txt next to the tests, which scripts/test.sh shows.
/// </summary>
public sealed class ReliabilityLedger : IDisposable
{
    public static readonly string SummaryFile = Path.Combine(AppContext.BaseDirectory, "reliability-summary.txt");

    private readonly IMessageSink _diagnostics;
    private long _faults;
    private long _requests;
    private long _serverErrors;
    private long _lostEffects;
    private long _duplicatedEffects;

    public ReliabilityLedger(IMessageSink diagnostics)
    {
        _diagnostics = diagnostics;
        File.Delete(SummaryFile);
    }

    public string Summary =>
        $"reliability: {Interlocked.Read(ref _faults)} faults injected, {Interlocked.Read(ref _requests)} requests sent, " +
        $"{Interlocked.Read(ref _serverErrors)} 5xx, {Interlocked.Read(ref _lostEffects)} lost effects, " +
        $"{Interlocked.Read(ref _duplicatedEffects)} duplicated effects";

    public void FaultInjected(int count = 1) => Interlocked.Add(ref _faults, count);

    public void RequestsSent(int count, int serverErrors)
    {
        Interlocked.Add(ref _requests, count);
        Interlocked.Add(ref _serverErrors, serverErrors);
    }

    public void Effects(int lost, int duplicated)
    {
        Interlocked.Add(ref _lostEffects, lost);
        Interlocked.Add(ref _duplicatedEffects, duplicated);
    }

    public void Dispose()
    {
        File.WriteAllText(SummaryFile, Summary + Environment.NewLine);
        _diagnostics.OnMessage(new DiagnosticMessage(Summary));
    }
}
