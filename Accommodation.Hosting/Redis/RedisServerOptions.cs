namespace Accommodation.Hosting.Redis;

/// <summary>Where a local Redis keeps its dump and which loopback port it serves.</summary>
public sealed record RedisServerOptions(string DataDirectory, int Port)
{
    /// <summary>Append every write to disk (kept between runs and restarts); tests turn it off.</summary>
    public bool Persistent { get; init; } = true;
}
