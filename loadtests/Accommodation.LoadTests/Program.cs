using Accommodation.LoadTests.Cli;

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    if (!stopping.IsCancellationRequested)
    {
        // The first Ctrl+C ends the load early and still writes the report; a second one quits at once.
        press.Cancel = true;
        stopping.Cancel();
        Console.Error.WriteLine("Stopping: the run ends now and the report is written (Ctrl+C again to quit at once).");
    }
};

return await LoadTestCli.RunAsync(args, Console.Out, Console.Error, live: !Console.IsOutputRedirected, stopping.Token);
