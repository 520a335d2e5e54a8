using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Accommodation.Messaging;

public static class OutboxRelayExtensions
{
    /// <summary>
    /// Runs a background relay that publishes the outbox of <typeparamref name="TDbContext"/> to the Kafka cluster
    /// of <paramref name="connectionName"/>. Options come from <c>Messaging:OutboxRelay</c>, then <paramref name="configure"/>.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaOutboxRelay<TDbContext>(this IHostApplicationBuilder builder,
        string connectionName, Action<OutboxRelayOptions>? configure = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddIdempotentKafkaProducer(connectionName);

        var options = builder.Services.AddOptions<OutboxRelayOptions>()
            .Bind(builder.Configuration.GetSection(OutboxRelayOptions.SectionName))
            .Validate(o => o.BatchSize > 0 && o.PollInterval > TimeSpan.Zero, "BatchSize and PollInterval must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<CrashPointTrigger>(CrashPointTrigger.Create);
        builder.Services.AddSingleton<OutboxRelaySignal<TDbContext>>();
        builder.Services.AddSingleton<OutboxCommitInterceptor<TDbContext>>();
        builder.Services.ConfigureDbContext<TDbContext>((services, dbContextOptions) =>
        {
            dbContextOptions.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor<TDbContext>>());
            var crashPoints = services.GetRequiredService<CrashPointTrigger>();
            if (crashPoints.IsEnabled)
            {
                dbContextOptions.AddInterceptors(new AutocommitCrashPointInterceptor<TDbContext>(crashPoints));
            }
        });
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        builder.Services.TryAddSingleton<OutboxBacklog>();
        builder.Services.AddHostedService<OutboxBacklogCounter<TDbContext>>();
        return builder;
    }
}
