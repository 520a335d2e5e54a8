using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Api.Infrastructure;

/// <summary>A Redis subscription to one customer's change channel: whichever replica applied the event published it.</summary>
internal sealed class RedisReservationChanges(ChannelMessageQueue subscription) : IReservationChanges
{
    public async IAsyncEnumerable<string> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is { } reservationNumber)
        {
            yield return reservationNumber;
        }
    }

    public async ValueTask DisposeAsync() => await subscription.UnsubscribeAsync();

    // Null once the watcher left or the subscription closed: the stream then ends quietly.
    private async Task<string?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await subscription.ReadAsync(cancellationToken)).Message.ToString();
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }
}
