using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Orchestration;

namespace AppHost.Tests.Orchestration;

/// <summary>The autoscaler's rule, the Kubernetes HPA's: replicas = ceil(load / target), within bounds and a tolerance.</summary>
public sealed class HorizontalScalingTests
{
    private static readonly AutoscaleAnnotation ByInFlight = new(MinReplicas: 1, MaxReplicas: 10, TargetInFlight: 6);

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(7, 1, 2)]
    [InlineData(30, 2, 5)]
    [InlineData(500, 3, 10)]
    [InlineData(6.5, 1, 1)]
    [InlineData(12.5, 2, 2)]
    [InlineData(5, 4, 1)]
    public void Replicas_follow_the_load_over_the_target_within_bounds_and_tolerance(double inFlight, int replicas, int expected) =>
        Assert.Equal(expected, HorizontalScaling.Recommend(inFlight, cpuPercent: 0, ByInFlight, replicas));

    [Fact]
    public void With_both_targets_the_larger_need_wins()
    {
        var both = ByInFlight with { TargetCpuPercent = 50 };

        Assert.Equal(4, HorizontalScaling.Recommend(inFlight: 6, cpuPercent: 200, both, replicas: 1));
        Assert.Equal(3, HorizontalScaling.Recommend(inFlight: 18, cpuPercent: 10, both, replicas: 1));
    }

    [Fact]
    public void Scaling_out_is_immediate_and_scaling_in_waits_for_every_recommendation_of_the_cooldown()
    {
        Assert.Equal(5, HorizontalScaling.Target(replicas: 2, recommended: 5, recommendationsInCooldown: [1, 1]));
        Assert.Equal(4, HorizontalScaling.Target(replicas: 4, recommended: 1, recommendationsInCooldown: [4, 2, 1]));
        Assert.Equal(2, HorizontalScaling.Target(replicas: 4, recommended: 1, recommendationsInCooldown: [2, 1, 1]));
    }
}
