using System.Threading.Channels;

namespace Accommodation.Messaging;

/// <summary>Wakes the relay of one DbContext type when a commit has added outbox rows.</summary>
internal sealed class OutboxRelaySignal<TDbContext>
{
    // One pending wake-up is enough: the next pass reads every unsent row.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Returns when notified (also before this call, since the last wait) or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.WaitToReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a notification: time for a pass anyway.
        }

        _wakeUps.Reader.TryRead(out _);
    }
}
