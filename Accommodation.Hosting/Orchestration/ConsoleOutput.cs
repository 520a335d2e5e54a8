using Accommodation.Dashboard.ConsoleLogs;

namespace Accommodation.Hosting.Orchestration;

/// <summary>
/// Every resource's output, line by line, prefixed by its name (in its own colour on a terminal); replicas
/// ("roomview-1") share their resource's colour. Each line is also kept in <see cref="Lines"/> for the dashboard.
/// </summary>
public sealed class ConsoleOutput
{
    public const string AppHostSource = "apphost";

    private const string Reset = "\u001b[0m";
    private const string Red = "\u001b[31m";
    private static readonly string[] Palette = ["\u001b[36m", "\u001b[32m", "\u001b[33m", "\u001b[35m", "\u001b[34m", "\u001b[96m", "\u001b[92m", "\u001b[95m"];

    private readonly Dictionary<string, string> _colors = [];
    private readonly int _prefixWidth;
    private readonly bool _useColor = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Lock _lock = new();

    public ConsoleOutput(IEnumerable<string> resourceNames, ConsoleLogLimits? limits = null)
    {
        Lines = new ConsoleLogStore(limits ?? new ConsoleLogLimits());
        var names = resourceNames.Prepend(AppHostSource).Distinct().ToList();
        // Room for a replica suffix such as "-1".
        _prefixWidth = names.Max(name => name.Length) + 2;
        for (var index = 0; index < names.Count; index++)
        {
            _colors[names[index]] = index == 0 ? "\u001b[1m" : Palette[(index - 1) % Palette.Length];
        }
    }

    public ConsoleLogStore Lines { get; }

    public void WriteLine(string source, string line)
    {
        Lines.Add(ResourceOf(source), source, line);
        var prefix = source.PadRight(_prefixWidth);
        lock (_lock)
        {
            Console.Out.WriteLine(_useColor ? $"{ColorOf(source)}{prefix}{Reset} | {line}" : $"{prefix} | {line}");
        }
    }

    // A replica's lines belong to its resource: "roomview-1" to "roomview".
    private string ResourceOf(string source) =>
        !_colors.ContainsKey(source) && source.LastIndexOf('-') is > 0 and var dash && _colors.ContainsKey(source[..dash]) ? source[..dash] : source;

    private string ColorOf(string source) =>
        _colors.TryGetValue(source, out var color) ? color
        : source.LastIndexOf('-') is > 0 and var dash && _colors.TryGetValue(source[..dash], out var resourceColor) ? resourceColor
        : Reset;

    public void Info(string message) => WriteLine(AppHostSource, message);

    public void Error(string message) => WriteLine(AppHostSource, _useColor ? $"{Red}error: {message}{Reset}" : $"error: {message}");
}
