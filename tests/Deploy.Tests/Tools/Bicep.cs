using System.Reflection;
using System.Text.Json.Nodes;

namespace Deploy.Tests.Tools;

/// <summary>The Bicep CLI from its NuGet package (Azure.Bicep.CommandLine.linux-x64), as `az bicep` would run it.</summary>
internal static class Bicep
{
    private static readonly string Cli = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "BicepCli").Value!;

    public static Task<CommandResult> BuildAsync(string bicepFile) => RunAsync("build", "--stdout", bicepFile);

    public static Task<CommandResult> LintAsync(string bicepFile) => RunAsync("lint", bicepFile);

    /// <summary>The ARM template <paramref name="bicepFile"/> compiles to.</summary>
    public static async Task<JsonObject> CompileAsync(string bicepFile)
    {
        var build = await BuildAsync(bicepFile);
        Assert.True(build.ExitCode == 0, build.ToString());
        return JsonNode.Parse(build.Output)!.AsObject();
    }

    private static Task<CommandResult> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Cli), $"The Bicep CLI is not at {Cli}: restore Deploy.Tests (scripts/setup.sh).");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep the executable bit.
            File.SetUnixFileMode(Cli, File.GetUnixFileMode(Cli) | UnixFileMode.UserExecute);
        }
        return CommandLine.RunAsync(Cli, arguments);
    }
}
