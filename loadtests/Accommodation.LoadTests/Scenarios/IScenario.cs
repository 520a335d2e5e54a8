using System.CommandLine;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>A load-test scenario: it prepares what it needs, runs one or more runs and says what they showed.</summary>
public interface IScenario
{
    /// <summary>The name on the command line, e.g. "booking-storm".</summary>
    string Name { get; }

    /// <summary>One sentence for <c>list</c> and <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Options of this scenario only, besides the common ones (--base-url, --users, --rate, --duration, …).</summary>
    IReadOnlyList<Option> Options { get; }

    Task<LoadReport> RunAsync(ScenarioContext context);
}

/// <summary>A scenario could not prepare or check its ground (e.g. a room could not be registered); the message says why.</summary>
public sealed class ScenarioException(string message) : Exception(message);
