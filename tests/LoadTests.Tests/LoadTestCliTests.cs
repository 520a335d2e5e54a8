using Accommodation.LoadTests.Cli;
using Accommodation.LoadTests.Scenarios;

namespace LoadTests.Tests;

public sealed class LoadTestCliTests
{
    [Fact]
    public async Task List_prints_every_scenario_with_what_it_does()
    {
        var (exitCode, output, error) = await RunAsync("list");

        Assert.Equal(0, exitCode);
        Assert.Contains("booking-storm", output, StringComparison.Ordinal);
        Assert.Contains("mixed", output, StringComparison.Ordinal);
        Assert.Contains("exactly one winner", output, StringComparison.Ordinal);
        Assert.Contains("circuit-breaker", output, StringComparison.Ordinal);
        Assert.Contains("autoscale", output, StringComparison.Ordinal);
        Assert.Contains("zero-downtime", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Settings_reads_a_command_line_for_a_scenario_run_from_code()
    {
        var scenario = new AutoscaleScenario();

        var settings = LoadTestCli.Settings(
            scenario, "--base-url", "http://127.0.0.1:5099", "--users", "6", "--duration", "8s", "--target-in-flight", "1", "--max-replicas", "3");

        Assert.Equal(new Uri("http://127.0.0.1:5099/"), settings.BaseUrl);
        Assert.Equal(new Uri("http://127.0.0.1:18888/"), settings.AppHostApi);
        Assert.Equal(6, settings.Users);
        Assert.Equal(TimeSpan.FromSeconds(8), settings.Duration);
        Assert.Equal(1, settings.Get(scenario.Options.OfType<System.CommandLine.Option<double?>>().Single()));
        Assert.Equal(3, settings.Get(scenario.Options.OfType<System.CommandLine.Option<int?>>().Single()));
        var error = Assert.Throws<ArgumentException>(() => LoadTestCli.Settings(scenario, "--max-replicas", "11"));
        Assert.Contains("--max-replicas takes a whole number from 2 to 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_scenario_is_a_usage_error_that_names_the_scenarios()
    {
        var (exitCode, _, error) = await RunAsync("no-such-scenario");

        Assert.Equal(LoadTestCli.UsageError, exitCode);
        Assert.Contains("Unknown scenario 'no-such-scenario'", error, StringComparison.Ordinal);
        Assert.Contains("booking-storm, mixed, circuit-breaker, autoscale, zero-downtime", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("booking-storm --users many", "--users takes a whole number")]
    [InlineData("booking-storm --duration 5x", "'5x' is not a duration")]
    [InlineData("mixed --rate 0", "--rate takes a number")]
    [InlineData("mixed --base-url not-a-url", "is not an http(s) URL")]
    [InlineData("booking-storm --rooms 100", "--rooms takes a whole number from 1 to 99")]
    [InlineData("mixed --no-such-option", "Unrecognized command or argument '--no-such-option'")]
    [InlineData("autoscale --target-in-flight none", "--target-in-flight takes a number")]
    [InlineData("autoscale --breaker maybe", "--breaker takes on or off")]
    [InlineData("zero-downtime --command-after soon", "'soon' is not a duration")]
    [InlineData("zero-downtime --think-time -1s", "is not a duration")]
    public async Task A_bad_option_is_a_usage_error_with_a_clear_message(string args, string message)
    {
        var (exitCode, _, error) = await RunAsync(args.Split(' '));

        Assert.Equal(LoadTestCli.UsageError, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_scenario_at_all_is_a_usage_error()
    {
        var (exitCode, _, error) = await RunAsync();

        Assert.Equal(LoadTestCli.UsageError, exitCode);
        Assert.Contains("Name a scenario", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_that_does_not_answer_is_reported_as_such()
    {
        var (exitCode, _, error) = await RunAsync("booking-storm", "--base-url", LoopbackServer.RefusingAddress().ToString(), "--duration", "1s");

        Assert.Equal(LoadTestCli.CheckFailed, exitCode);
        Assert.Contains("did not answer", error, StringComparison.Ordinal);
        Assert.Contains("Is the system running?", error, StringComparison.Ordinal);
    }

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await LoadTestCli.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
