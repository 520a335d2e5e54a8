using System.Text.Json.Nodes;

namespace Deploy.Tests.Tools;

/// <summary>
/// A service's container image settings, as `dotnet publish -t:PublishContainer` would take them from MSBuild, and the
/// runtime settings its runtimeconfig.json gets (GC mode, and the options set as RuntimeHostConfigurationOption items).
/// </summary>
public sealed record ContainerImage(
    string Repository, string BaseImage, string User, IReadOnlySet<int> Ports, bool ServerGarbageCollection,
    IReadOnlyDictionary<string, string> RuntimeOptions);

internal static class ContainerImages
{
    /// <summary>Evaluates the project (no build) for its Container* properties and ContainerPort items.</summary>
    public static async Task<ContainerImage> OfAsync(string projectPath)
    {
        var evaluation = await CommandLine.RunAsync("dotnet",
        [
            "msbuild", projectPath,
            "-getProperty:ContainerRepository", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser",
            "-getProperty:ServerGarbageCollection", "-getItem:ContainerPort", "-getItem:RuntimeHostConfigurationOption",
        ]);
        Assert.True(evaluation.ExitCode == 0, evaluation.ToString());

        var json = JsonNode.Parse(evaluation.Output)!;
        string Property(string name) => (string?)json["Properties"]![name] ?? "";
        var ports = json["Items"]?["ContainerPort"]?.AsArray().Select(port => int.Parse((string)port!["Identity"]!)).ToHashSet() ?? [];
        var options = json["Items"]?["RuntimeHostConfigurationOption"]?.AsArray()
            .ToDictionary(option => (string)option!["Identity"]!, option => (string?)option!["Value"] ?? "") ?? [];
        return new ContainerImage(Property("ContainerRepository"), Property("ContainerBaseImage"), Property("ContainerUser"), ports,
            bool.TryParse(Property("ServerGarbageCollection"), out var server) && server, options);
    }
}
