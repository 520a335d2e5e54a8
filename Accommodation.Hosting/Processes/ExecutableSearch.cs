namespace Accommodation.Hosting.Processes;

public static class ExecutableSearch
{
    /// <summary>The dotnet host running this process, else the one on PATH: children run on the same runtime.</summary>
    public static string DotnetHost { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : FindOnPath("dotnet") ?? "dotnet";

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
