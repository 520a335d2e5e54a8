using StackExchange.Redis;

namespace Accommodation.Hosting.Redis;

public static class RedisHealth
{
    /// <summary>True when a server at <paramref name="connectionString"/> answers PING.</summary>
    public static async Task<bool> PingAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 0;
        options.ConnectTimeout = 2000;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return false;
        }
    }
}
