using Accommodation.Messaging;
using Accommodation.Testing;
using Messaging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Messaging.Tests;

public sealed class CrashPointTriggerTests
{
    private static readonly string[] AllPoints =
        [CrashPoints.BeforeCommit, CrashPoints.AfterCommit, CrashPoints.AfterPublish, CrashPoints.AfterHandle];

    [Fact]
    public void Without_a_directory_no_point_does_anything()
    {
        var crashes = 0;
        var trigger = new CrashPointTrigger(directory: null, claimant: 1, () => crashes++, new CapturedLogs().CreateLogger("test"));

        foreach (var point in AllPoints)
        {
            trigger.Reach(point);
        }

        Assert.False(trigger.IsEnabled);
        Assert.Equal(0, crashes);
    }

    [Fact]
    public void A_point_without_its_file_does_nothing()
    {
        using var folder = new CrashPointFolder();
        folder.Arm(CrashPoints.AfterPublish);
        var crashes = 0;
        var trigger = folder.Trigger(() => crashes++);

        trigger.Reach(CrashPoints.BeforeCommit);
        trigger.Reach(CrashPoints.AfterHandle);

        Assert.True(trigger.IsEnabled);
        Assert.Equal(0, crashes);
        Assert.Equal([CrashPoints.AfterPublish], folder.Files);
    }

    [Fact]
    public void An_armed_point_is_claimed_logged_and_kills_once()
    {
        using var folder = new CrashPointFolder();
        folder.Arm(CrashPoints.AfterHandle);
        var logs = new CapturedLogs();
        var crashes = 0;
        var trigger = folder.Trigger(() => crashes++, claimant: 4242, logs.CreateLogger("crash"));

        trigger.Reach(CrashPoints.AfterHandle);
        trigger.Reach(CrashPoints.AfterHandle);

        Assert.Equal(1, crashes);
        Assert.Equal(["after-handle.claimed-4242"], folder.Files);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Critical, entry.Level);
        Assert.Equal("Crash point after-handle reached: killing the process", entry.Message);
    }

    [Fact]
    public void Arming_the_point_again_crashes_again()
    {
        using var folder = new CrashPointFolder();
        var crashes = 0;
        var trigger = folder.Trigger(() => crashes++, claimant: 7);

        folder.Arm(CrashPoints.BeforeCommit);
        trigger.Reach(CrashPoints.BeforeCommit);
        folder.Arm(CrashPoints.BeforeCommit);
        trigger.Reach(CrashPoints.BeforeCommit);

        Assert.Equal(2, crashes);
    }

    [Fact]
    public async Task Of_replicas_reaching_an_armed_point_together_exactly_one_dies()
    {
        using var folder = new CrashPointFolder();
        const int replicas = 6;
        var crashes = new int[replicas];
        var triggers = Enumerable.Range(0, replicas)
            .Select(replica => folder.Trigger(() => Interlocked.Increment(ref crashes[replica]), claimant: replica))
            .ToList();

        for (var round = 1; round <= 50; round++)
        {
            folder.Arm(CrashPoints.AfterCommit);
            using var start = new Barrier(replicas);
            await Task.WhenAll(triggers.Select(trigger => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                trigger.Reach(CrashPoints.AfterCommit);
            }, TaskCreationOptions.LongRunning)));

            Assert.Equal(round, crashes.Sum());
            Assert.Single(folder.Files, file => file.StartsWith(CrashPoints.AfterCommit, StringComparison.Ordinal));
            foreach (var claimed in folder.Files)
            {
                File.Delete(folder.File(claimed));
            }
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("/tmp/crash-points", true)]
    public void The_directory_comes_from_configuration(string? directory, bool enabled)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:CrashPoints:Directory"] = directory })
            .Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .BuildServiceProvider();

        Assert.Equal(enabled, CrashPointTrigger.Create(services).IsEnabled);
    }
}
