namespace Accommodation.RoomView.Api.Infrastructure;

internal static class RedisScripts
{
    /// <summary>The text of an embedded Lua script.</summary>
    public static string Load(string name)
    {
        using var stream = typeof(RedisScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
