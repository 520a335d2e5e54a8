namespace Accommodation.Bench.Baselines;

/// <summary>How wrk offers load: a closed model of <see cref="Connections"/> connections, each sending its next request as soon as the last one is answered.</summary>
public sealed record WrkOptions
{
    public int Threads { get; init; } = 2;

    public int Connections { get; init; } = 64;

    /// <summary>Rounded up to whole seconds (wrk's -d).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sent with every request (wrk's -H "Name: value").</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A Lua script of one's own (wrk's -s); excludes <see cref="Method"/> and <see cref="Body"/>.</summary>
    public string? ScriptFile { get; init; }

    /// <summary>e.g. "POST"; null: GET. Set through a generated Lua script, since wrk has no option for it.</summary>
    public string? Method { get; init; }

    /// <summary>The request body, through the same generated script.</summary>
    public string? Body { get; init; }
}
