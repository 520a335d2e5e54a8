using System.Globalization;
using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Redis;

/// <summary>A Redis server: redis-server on <see cref="Port"/> with data in <see cref="DataDirectory"/>, or an external one.</summary>
public sealed class RedisResource(string name, int port, string dataDirectory, string? externalConnectionString)
    : Resource(name), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string DataDirectory { get; } = dataDirectory;

    public string? ExternalConnectionString { get; } = externalConnectionString;

    public bool IsLocal => ExternalConnectionString is null;

    public string ConnectionString => ExternalConnectionString ?? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");
}
