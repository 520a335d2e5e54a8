using Accommodation.Hosting.Networking;

namespace ServiceDefaults.Tests.Support;

/// <summary>Loopback ports where nothing listens: a dependency that is down.</summary>
internal static class DeadEndpoint
{
    public static int Port() => FreePort.Find();

    public static string HostAndPort() => $"127.0.0.1:{Port()}";
}
