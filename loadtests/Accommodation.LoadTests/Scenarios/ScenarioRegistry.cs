namespace Accommodation.LoadTests.Scenarios;

/// <summary>Every scenario the command line knows, in the order <c>list</c> shows them.</summary>
public static class ScenarioRegistry
{
    /// <summary>New instances each time: a scenario's options belong to one command line.</summary>
    public static IReadOnlyList<IScenario> Create() => [new BookingStormScenario(), new MixedScenario(), new CircuitBreakerScenario(), new AutoscaleScenario(), new ZeroDowntimeScenario()];
}
