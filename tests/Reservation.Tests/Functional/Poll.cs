namespace Accommodation.Reservations.Tests.Functional;

internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Asks <paramref name="condition"/> every 50 ms until it holds; fails the test at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout ?? DefaultTimeout} for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
