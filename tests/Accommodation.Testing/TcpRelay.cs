using System.Net;
using System.Net.Sockets;

namespace Accommodation.Testing;

/// <summary>
/// Forwards a loopback port to a server: lets a test make a database "appear" on a port at a chosen moment, or
/// vanish (disposing drops every connection at once and refuses new ones) and come back (start another on the port).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private TcpRelay(TcpListener listener, DnsEndPoint target)
    {
        _listener = listener;
        _accepting = AcceptAsync(target);
    }

    public static Task<TcpRelay> StartAsync(int port, DnsEndPoint target)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return Task.FromResult(new TcpRelay(listener, target));
    }

    private async Task AcceptAsync(DnsEndPoint target)
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(PipeAsync(client, target));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: stop accepting; open connections end below.
        }

        await Task.WhenAll(connections);
    }

    private async Task PipeAsync(TcpClient client, DnsEndPoint target)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(target.Host, target.Port, _stop.Token);
            var fromClient = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            var fromServer = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
            await Task.WhenAny(fromClient, fromServer);
            client.Close();
            server.Close();
            // Once one side is closed, the other copy can only end with an error: that end is expected here.
            await Task.WhenAll(fromClient, fromServer).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
