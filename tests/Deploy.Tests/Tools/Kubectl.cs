using Accommodation.Hosting.Processes;

namespace Deploy.Tests.Tools;

/// <summary>
/// Debian 12's kubectl (1.20, kustomize v2.0.3), unpacked by scripts/setup.sh: the oldest kustomize the overlays must
/// render with. A newer kubectl on PATH, when there is one, must render the same objects.
/// </summary>
internal static class Kubectl
{
    public static string Debian { get; } = Repository.PathOf(".tools/kubernetes-client/usr/bin/kubectl");

    public static async Task<string> KustomizeAsync(string kubectl, string overlay)
    {
        var render = await CommandLine.RunAsync(kubectl, ["kustomize", Repository.PathOf($"deploy/k8s/overlays/{overlay}")]);
        Assert.True(render.ExitCode == 0, $"{kubectl} kustomize {overlay}: {render}");
        return render.Output;
    }

    /// <summary>kubectl on PATH, unless it is missing or is Debian's own.</summary>
    public static async Task<string?> NewerOnPathAsync()
    {
        if (ExecutableSearch.FindOnPath("kubectl") is not { } onPath)
        {
            return null;
        }

        var (debian, other) = (await VersionAsync(Debian), await VersionAsync(onPath));
        return debian == other ? null : onPath;
    }

    private static async Task<string> VersionAsync(string kubectl) =>
        (await CommandLine.RunAsync(kubectl, ["version", "--client"])).Output.Trim();
}
