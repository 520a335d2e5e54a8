namespace Deploy.Tests.Tools;

/// <summary>Paths in this repository, found by walking up from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Accommodation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Accommodation.sln above {AppContext.BaseDirectory}.");
    }
}
