using Accommodation.Hosting.Redis;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting;

public static class RedisResourceExtensions
{
    // Not 6379, so a system redis-server on the same machine keeps its port.
    public const int DefaultPort = 6380;

    /// <summary>
    /// Redis for the application: ConnectionStrings:{name} when configured (an existing server), otherwise
    /// redis-server on Resources:{name}:Port (default 6380), data in {AppHost:DataDirectory}/{name}.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name, int? port = null)
    {
        var external = builder.Configuration.GetConnectionString(name);
        var resolvedPort = builder.GetConfiguredPort(name) ?? port ?? DefaultPort;
        var dataDirectory = Path.Combine(builder.DataDirectory, name);
        return builder.AddResource(new RedisResource(name, resolvedPort, dataDirectory, string.IsNullOrWhiteSpace(external) ? null : external));
    }
}
