using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The state of the circuit breaker of every standard resilience handler, as the gauge
/// <c>resilience.circuit_breaker.state</c> (0 closed, 1 half-open, 2 open, 3 isolated) per pipeline.
/// </summary>
internal sealed class CircuitBreakerStates
{
    public const int Closed = 0;
    public const int HalfOpen = 1;
    public const int Open = 2;
    public const int Isolated = 3;

    private readonly ConcurrentDictionary<string, int> _states = new();

    public CircuitBreakerStates(IMeterFactory meterFactory) =>
        meterFactory.Create(TelemetryNames.Resilience).CreateObservableGauge("resilience.circuit_breaker.state", Observe, unit: "{state}",
            description: "State of the circuit breaker of a resilience pipeline: 0 closed, 1 half-open, 2 open, 3 isolated.");

    /// <summary>A pipeline being built starts closed; a state it already reported stays.</summary>
    public void Track(string pipeline) => _states.TryAdd(pipeline, Closed);

    public void Set(string pipeline, int state) => _states[pipeline] = state;

    private IEnumerable<Measurement<int>> Observe() =>
        _states.Select(entry => new Measurement<int>(entry.Value,
            new KeyValuePair<string, object?>("resilience.pipeline.name", entry.Key)));
}

/// <summary>
/// Hooks <see cref="CircuitBreakerStates"/> into the breaker callbacks of every <see cref="HttpStandardResilienceOptions"/>,
/// after the service's own configuration, so callbacks it set are chained, not replaced.
/// </summary>
internal sealed class CircuitBreakerStateTracking(CircuitBreakerStates states) : IPostConfigureOptions<HttpStandardResilienceOptions>
{
    public void PostConfigure(string? name, HttpStandardResilienceOptions options)
    {
        // Options are named after their pipeline ("{client}-standard"); unnamed ones belong to no pipeline.
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var breaker = options.CircuitBreaker;
        var onOpened = breaker.OnOpened;
        var onHalfOpened = breaker.OnHalfOpened;
        var onClosed = breaker.OnClosed;
        breaker.OnOpened = arguments =>
        {
            states.Set(name, arguments.IsManual ? CircuitBreakerStates.Isolated : CircuitBreakerStates.Open);
            return onOpened?.Invoke(arguments) ?? ValueTask.CompletedTask;
        };
        breaker.OnHalfOpened = arguments =>
        {
            states.Set(name, CircuitBreakerStates.HalfOpen);
            return onHalfOpened?.Invoke(arguments) ?? ValueTask.CompletedTask;
        };
        breaker.OnClosed = arguments =>
        {
            states.Set(name, CircuitBreakerStates.Closed);
            return onClosed?.Invoke(arguments) ?? ValueTask.CompletedTask;
        };

        // The resilience handler reads its options when it builds the pipeline, on the client's first use.
        states.Track(name);
    }
}

internal static class CircuitBreakerStateExtensions
{
    public static IServiceCollection AddCircuitBreakerStates(this IServiceCollection services)
    {
        services.TryAddSingleton<CircuitBreakerStates>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpStandardResilienceOptions>, CircuitBreakerStateTracking>());
        return services;
    }
}
