namespace Accommodation.Bench;

/// <summary>
/// One line of the bench's table: what was measured, and where the issue sets a target, the baseline it is a ratio of
/// (measured in the same run) or the bound it must stay within.
/// </summary>
/// <param name="Name">What was measured, e.g. "read: room availability".</param>
/// <param name="Value">The figure, in <paramref name="Unit"/>.</param>
/// <param name="Unit">req/s, ms, MB, s…</param>
/// <param name="Baseline">The baseline's name, when the target is a ratio of it.</param>
/// <param name="BaselineValue">The baseline's figure, in the same unit.</param>
/// <param name="Target">The target as written: "≥ 0.75 ×", "≤ 50 ms".</param>
/// <param name="Met">Whether the target holds; null when the figure has none.</param>
public sealed record Figure(string Name, double Value, string Unit, string? Baseline = null, double? BaselineValue = null, string? Target = null, bool? Met = null)
{
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;

    /// <summary>A figure that must be at least <paramref name="ratio"/> × its baseline.</summary>
    public static Figure AtLeast(string name, double value, string unit, string baseline, double baselineValue, double ratio) =>
        new(name, value, unit, baseline, baselineValue, $"≥ {ratio:0.##} ×", value >= ratio * baselineValue);

    /// <summary>A figure that must stay at or under <paramref name="bound"/>.</summary>
    public static Figure AtMost(string name, double value, string unit, double bound) =>
        new(name, value, unit, Target: $"≤ {bound:0.##} {unit}", Met: value <= bound);
}
