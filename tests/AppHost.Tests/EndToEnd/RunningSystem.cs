namespace AppHost.Tests.EndToEnd;

/// <summary>The system the end-to-end classes share: quick self-healing for the liveness test, autoscaling only when a test turns it on.</summary>
public sealed class RunningSystem : RunningSystemFixture
{
    protected override IEnumerable<string> Arguments() =>
    [
        "--Resources:room:Liveness:Period=00:00:01",
        "--Resources:payment:Autoscale:Enabled=false",
    ];
}
