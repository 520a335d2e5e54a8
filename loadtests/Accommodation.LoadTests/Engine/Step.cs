namespace Accommodation.LoadTests.Engine;

/// <summary>
/// One kind of request a run sends, e.g. "reserve". Each time a virtual user loops (closed model) or a request is due
/// (open model), the runner picks one step by <see cref="Weight"/> among those whose <see cref="When"/> holds.
/// </summary>
/// <param name="Name">The name the report shows.</param>
/// <param name="Action">Sends the request and says how it ended; exceptions count as failures.</param>
public sealed record Step(string Name, Func<StepContext, CancellationToken, Task<StepOutcome>> Action)
{
    public double Weight { get; init; } = 1;

    /// <summary>
    /// Whether the step can run now for this user or request (e.g. "pay" only once a held reservation waits, or only once
    /// this user has reserved); always when null.
    /// </summary>
    public Func<StepContext, bool>? When { get; init; }

    /// <summary>A weighted pick among the steps that can run for <paramref name="context"/>; the first step when none can.</summary>
    public static Step Pick(IReadOnlyList<Step> steps, StepContext context)
    {
        if (steps.Count == 1)
        {
            return steps[0];
        }

        var ready = steps.Where(step => step.When?.Invoke(context) ?? true).ToList();
        if (ready.Count == 0)
        {
            return steps[0];
        }

        var roll = context.Random.NextDouble() * ready.Sum(step => step.Weight);
        foreach (var step in ready)
        {
            roll -= step.Weight;
            if (roll < 0)
            {
                return step;
            }
        }

        return ready[^1];
    }
}

/// <summary>What a step is given each time it runs.</summary>
/// <param name="Http">The runner's client (no timeout of its own: the step's token carries the request timeout).</param>
/// <param name="User">Closed model: the virtual user, 0 to users − 1. Open model: −1, every request is on its own.</param>
/// <param name="Iteration">Closed model: how many times this user has looped. Open model: the request's number.</param>
/// <param name="Random">A random source that is safe to use from this step.</param>
public sealed record StepContext(HttpClient Http, int User, long Iteration, Random Random);
