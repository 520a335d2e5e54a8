namespace Reliability.Tests.Support;

/// <summary>
/// One of Messaging's crash points in one service (services/Messaging/README.md): arming it makes the first process
/// of the service that reaches the point kill itself with SIGKILL, once. The file it claims tells the test it fired.
/// </summary>
public sealed record CrashPoint(string Directory, string Service, string Name)
{
    public const string BeforeCommit = "before-commit";
    public const string AfterCommit = "after-commit";
    public const string AfterPublish = "after-publish";
    public const string AfterHandle = "after-handle";

    public void Arm() => File.WriteAllText(Path.Combine(Directory, Name), "");

    public void Disarm() => File.Delete(Path.Combine(Directory, Name));

    /// <summary>How many processes have crashed here so far.</summary>
    public int Fired => System.IO.Directory.EnumerateFiles(Directory, $"{Name}.claimed-*").Count();

    public async Task WaitUntilFiredAsync(int times, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Fired < times)
        {
            Assert.True(DateTime.UtcNow < until, $"{Service} did not reach crash point {Name} within {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}
