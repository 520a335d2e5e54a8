using System.Text;
using System.Text.Json;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>Reads a <c>text/event-stream</c> response one event at a time, as a browser's EventSource would.</summary>
internal sealed class ServerSentEventsReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next event's type and JSON data; throws when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<(string Type, JsonElement Data)> ReadAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        string type = "message";
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Length == 0 && data.Length > 0)
            {
                return (type, JsonDocument.Parse(data.ToString()).RootElement.Clone());
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    /// <summary>Skips events until one matches; throws at the deadline.</summary>
    public async Task<JsonElement> ReadUntilAsync(string type, Func<JsonElement, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching '{type}' event arrived in time.");
            }

            var (seenType, data) = await ReadAsync(remaining);
            if (seenType == type && until(data))
            {
                return data;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
