namespace Accommodation.Hosting;

/// <summary>A server binary the AppHost runs locally is not installed; the message names the setup command.</summary>
public sealed class PrerequisiteMissingException(string what)
    : Exception($"{what} is not installed; run ./scripts/setup.sh (or point the AppHost at an existing server with a connection string).");
