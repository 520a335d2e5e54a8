using System.Diagnostics;

namespace Deploy.Tests.Tools;

public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for an assertion message.</summary>
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}".Trim();
}

/// <summary>Runs a command-line tool to completion and keeps what it printed.</summary>
internal static class CommandLine
{
    public static async Task<CommandResult> RunAsync(string fileName, IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            WorkingDirectory = workingDirectory ?? Repository.Root,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        // Generous: the first Bicep run extracts its own runtime.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} ran over 3 minutes.");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }
}
