using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Scenarios;

namespace Accommodation.LoadTests.Cli;

/// <summary>The options every scenario takes; a scenario falls back to its own defaults for users, rate and duration.</summary>
internal sealed partial class CommonOptions
{
    public Option<Uri> BaseUrl { get; } = new("--base-url")
    {
        Description = "The system under load: the gateway of the local AppHost, or any base URL",
        DefaultValueFactory = _ => new Uri("http://127.0.0.1:5000/"),
        CustomParser = ParseUrl,
    };

    public Option<Uri> AppHostApi { get; } = new("--apphost-api")
    {
        Description = "The AppHost API, for scenarios that read replicas or stop and start services",
        DefaultValueFactory = _ => new Uri("http://127.0.0.1:18888/"),
        CustomParser = ParseUrl,
    };

    public Option<string?> AppHostToken { get; } = new("--apphost-token")
    {
        Description = "The token the AppHost printed at start-up (default: $APPHOST_TOKEN; none needed when it runs unsecured)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("APPHOST_TOKEN"),
    };

    public Option<int?> Users { get; } = new("--users")
    {
        Description = "Closed model: virtual users (the scenario's default when left out)",
        CustomParser = result => ParseNumber(result, 1, 100_000) is { } users ? (int)users : null,
    };

    public Option<double?> Rate { get; } = new("--rate")
    {
        Description = "Open model: requests per second, the peak of a ramp (the scenario's default when left out)",
        CustomParser = result => ParseNumber(result, 0.01, 100_000, integer: false),
    };

    public Option<TimeSpan?> Duration { get; } = new("--duration")
    {
        Description = "How long each run offers load: 500ms, 60s, 2m or 00:01:00 (the scenario's default when left out)",
        CustomParser = result => ParseDuration(result),
    };

    public Option<int> MaxInFlight { get; } = new("--max-in-flight")
    {
        Description = "Open model: requests in flight before a due one is dropped and counted as 'overloaded'",
        DefaultValueFactory = _ => LoadModel.DefaultMaxInFlight,
        CustomParser = result => (int)(ParseNumber(result, 1, 1_000_000) ?? 0),
    };

    public Option<TimeSpan?> Timeout { get; } = new("--timeout")
    {
        Description = "A request unanswered after this long counts as a failure of kind 'timeout' (default 30s)",
        CustomParser = result => ParseDuration(result),
    };

    public Option<DirectoryInfo?> Out { get; } = new("--out")
    {
        Description = "Where report folders go (default: loadtests/results of this repository)",
    };

    public IEnumerable<Option> All => [BaseUrl, AppHostApi, AppHostToken, Users, Rate, Duration, MaxInFlight, Timeout, Out];

    public ScenarioSettings Settings(ParseResult parsed) => new(
        parsed.GetRequiredValue(BaseUrl),
        parsed.GetRequiredValue(AppHostApi),
        parsed.GetValue(Users),
        parsed.GetValue(Rate),
        parsed.GetValue(Duration),
        parsed.GetValue(MaxInFlight),
        parsed.GetValue(Timeout) ?? TimeSpan.FromSeconds(30),
        parsed,
        parsed.GetValue(AppHostToken));

    /// <summary>"500ms", "60s", "2m", "1h", "90" (seconds) or "00:01:00"; more than zero.</summary>
    public static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParseDuration(text, out var duration))
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration: write 500ms, 60s, 2m or 00:01:00.");
        return default;
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (DurationPattern().Match(text.Trim()) is { Success: true } match)
        {
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            duration = match.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromSeconds(value),
            };
        }
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
        {
            return false;
        }

        return duration > TimeSpan.Zero;
    }

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, or null with an error that says so.</summary>
    public static double? ParseNumber(ArgumentResult result, double min, double max, bool integer = true)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var style = integer ? NumberStyles.Integer : NumberStyles.Float;
        if (double.TryParse(text, style, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var option = (result.Parent as OptionResult)?.Option.Name ?? "The value";
        result.AddError(integer
            ? $"{option} takes a whole number from {min} to {max}, not '{text}'."
            : $"{option} takes a number from {min} to {max}, not '{text}'.");
        return null;
    }

    private static Uri ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            // A trailing slash, so that relative paths such as "api/v1/rooms" keep any path prefix of the base URL.
            return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
        }

        result.AddError($"'{text}' is not an http(s) URL such as http://127.0.0.1:5000.");
        return null!;
    }

    [GeneratedRegex(@"^(?<value>\d+(\.\d+)?)(?<unit>ms|s|m|h)?$")]
    private static partial Regex DurationPattern();
}
