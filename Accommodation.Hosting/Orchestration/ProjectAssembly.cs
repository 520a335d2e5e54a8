using Accommodation.Hosting.Processes;
using Accommodation.Hosting.Projects;

namespace Accommodation.Hosting.Orchestration;

/// <summary>Finds a project's built .dll, building the project once when it is missing (e.g. the AppHost ran with --no-build).</summary>
internal static class ProjectAssembly
{
    // Two builds at once would write the shared projects' obj folders concurrently.
    private static readonly SemaphoreSlim OneBuildAtATime = new(1, 1);

    public static async Task<string> EnsureBuiltAsync(IProjectMetadata metadata, Action<string> output, CancellationToken cancellationToken)
    {
        if (File.Exists(metadata.AssemblyPath))
        {
            return metadata.AssemblyPath;
        }

        await OneBuildAtATime.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(metadata.AssemblyPath))
            {
                output($"{Path.GetFileName(metadata.AssemblyPath)} is missing; building it");
                await BuildOnceAsync(metadata, output, cancellationToken);
            }
        }
        finally
        {
            OneBuildAtATime.Release();
        }

        return File.Exists(metadata.AssemblyPath)
            ? metadata.AssemblyPath
            : throw new FileNotFoundException($"Building {metadata.ProjectPath} did not produce {metadata.AssemblyPath}.");
    }

    /// <summary>Builds the project (one build at a time), e.g. before a redeploy so new replicas run the new code.</summary>
    public static async Task BuildAsync(IProjectMetadata metadata, Action<string> output, CancellationToken cancellationToken)
    {
        await OneBuildAtATime.WaitAsync(cancellationToken);
        try
        {
            await BuildOnceAsync(metadata, output, cancellationToken);
        }
        finally
        {
            OneBuildAtATime.Release();
        }
    }

    private static async Task BuildOnceAsync(IProjectMetadata metadata, Action<string> output, CancellationToken cancellationToken)
    {
        // The output path is bin/<Configuration>/<framework>/<name>.dll; build the same configuration.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(metadata.AssemblyPath)))!;
        output($"building {metadata.ProjectPath} ({configuration})");
        var build = new ChildProcessSpec(ExecutableSearch.DotnetHost, ["build", metadata.ProjectPath, "--configuration", configuration, "--nologo", "--verbosity", "quiet"]);
        var exitCode = await ChildProcess.RunAsync(build, output, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {metadata.ProjectPath} failed with exit code {exitCode}.");
        }
    }
}
