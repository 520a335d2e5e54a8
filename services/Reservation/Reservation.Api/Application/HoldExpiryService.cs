using Microsoft.Extensions.Options;

namespace Accommodation.Reservations.Api.Application;

/// <summary>Expires unpaid reservations whose hold ran out, every <c>Reservation:HoldExpiryScanInterval</c>, freeing their nights.</summary>
/// <remarks>Safe with several replicas: each scan locks the rows it expires and skips rows another one holds.</remarks>
internal sealed partial class HoldExpiryService(
    IServiceScopeFactory scopeFactory, IOptions<ReservationOptions> options, ILogger<HoldExpiryService> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HoldExpiryScanInterval);
        do
        {
            try
            {
                await ExpireRunOutHoldsAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The next scan tries again; a bad moment of the database must not end the service.
                LogScanFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ExpireRunOutHoldsAsync(CancellationToken stoppingToken)
    {
        int expired;
        do
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            expired = await scope.ServiceProvider.GetRequiredService<ReservationCommands>().ExpireRunOutHoldsAsync(BatchSize, stoppingToken);
        }
        while (expired == BatchSize);
    }

    [LoggerMessage(LogLevel.Warning, "Hold expiry scan failed; trying again at the next interval")]
    private partial void LogScanFailed(Exception exception);
}
