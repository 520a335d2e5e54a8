namespace Accommodation.Messaging;

/// <summary>
/// Named places where a fault test can make the process die as if it crashed (SIGKILL: no graceful shutdown, no
/// flush, no offset commit). Off unless <c>Messaging:CrashPoints:Directory</c> is set; then reaching a point kills
/// the process when the file <c>{Directory}/{point}</c> exists, which one process claims by renaming it. For fault tests only.
/// </summary>
public static class CrashPoints
{
    /// <summary>The configuration key of the folder the test arms points in; unset, no point does anything.</summary>
    public const string DirectoryKey = "Messaging:CrashPoints:Directory";

    /// <summary>A SaveChanges with outbox rows ran its SQL, but its transaction has not committed: no row, no event.</summary>
    public const string BeforeCommit = "before-commit";

    /// <summary>The state change and its outbox rows are committed; the relay has not published them.</summary>
    public const string AfterCommit = "after-commit";

    /// <summary>The relay's batch is delivered to Kafka; its rows are not marked sent, so they are published again.</summary>
    public const string AfterPublish = "after-publish";

    /// <summary>A consumer's handlers succeeded (their effect is committed); the message's offset is not stored.</summary>
    public const string AfterHandle = "after-handle";
}
