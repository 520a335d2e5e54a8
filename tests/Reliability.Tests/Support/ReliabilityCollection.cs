namespace Reliability.Tests.Support;

/// <summary>The fault matrix and the bad-input suite share one running system and one ledger; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilitySystem>, ICollectionFixture<ReliabilityLedger>
{
    public const string Name = "Reliability";
}
