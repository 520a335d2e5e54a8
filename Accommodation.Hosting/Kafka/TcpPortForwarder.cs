using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Accommodation.Hosting.Kafka;

/// <summary>
/// Listens on a loopback port and relays every connection to another loopback endpoint.
/// The Kafka mock binds only random ports, so this is how the broker becomes reachable on a fixed one.
/// </summary>
public sealed class TcpPortForwarder : IAsyncDisposable
{
    private readonly List<Socket> _listeners;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _acceptLoops;
    private readonly ConcurrentDictionary<Socket, byte> _clients = new();

    private TcpPortForwarder(List<Socket> listeners, IPEndPoint target)
    {
        _listeners = listeners;
        _target = target;
        _acceptLoops = listeners.Select(listener => Task.Run(() => AcceptLoopAsync(listener))).ToList();
    }

    public int Port => ((IPEndPoint)_listeners[0].LocalEndPoint!).Port;

    /// <summary>Starts forwarding <paramref name="port"/> (0 = any free port) on 127.0.0.1, and on ::1 where the machine has IPv6.</summary>
    public static TcpPortForwarder Start(int port, IPEndPoint target)
    {
        var listeners = new List<Socket> { Listen(IPAddress.Loopback, port) };
        var boundPort = ((IPEndPoint)listeners[0].LocalEndPoint!).Port;
        // "localhost" may resolve to ::1 first; answering there too spares clients a refused connection.
        if (Socket.OSSupportsIPv6 && TryListen(IPAddress.IPv6Loopback, boundPort) is { } ipv6Listener)
        {
            listeners.Add(ipv6Listener);
        }

        return new TcpPortForwarder(listeners, target);
    }

    /// <summary>Ends every relayed connection now, as a stopped broker's host does; new connections are still relayed.</summary>
    public void DisconnectAll()
    {
        foreach (var client in _clients.Keys)
        {
            ShutDown(client);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(_acceptLoops);
        _stopping.Dispose();
    }

    private static Socket Listen(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Socket? TryListen(IPAddress address, int port)
    {
        try
        {
            return Listen(address, port);
        }
        catch (SocketException)
        {
            // No usable ::1 here (or it is taken); 127.0.0.1 alone still serves the advertised address.
            return null;
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        _clients[client] = 0;
        try
        {
            await RelayToTargetAsync(client);
        }
        finally
        {
            _clients.TryRemove(client, out _);
        }
    }

    private async Task RelayToTargetAsync(Socket client)
    {
        using (client)
        using (var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(_target, _stopping.Token);
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException)
            {
                // Nothing to relay to (broker gone or stopping); closing the client tells it so.
                return;
            }

            await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int received;
            while ((received = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, received), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            // One side went away or we are stopping; shutting down both sockets ends the other direction too.
        }
        finally
        {
            ShutDown(to);
            ShutDown(from);
        }
    }

    private static void ShutDown(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already disconnected, or its relay has just ended and disposed it: nothing left to end.
        }
    }
}
