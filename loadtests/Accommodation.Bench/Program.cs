using Accommodation.Bench;

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    // The first Ctrl+C stops the bench and its system cleanly; a second one quits at once.
    press.Cancel = !stopping.IsCancellationRequested;
    stopping.Cancel();
};

if (BenchOptions.Parse(args, Console.Error) is not { } options)
{
    return 2;
}

return await BenchRun.RunAsync(options, stopping.Token);
