namespace AppHost.Tests.EndToEnd;

/// <summary>The end-to-end classes that share one running system; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RunningSystemCollection : ICollectionFixture<RunningSystem>
{
    public const string Name = "Running system";
}
