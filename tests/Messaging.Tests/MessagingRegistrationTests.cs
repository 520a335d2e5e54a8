using Accommodation.Messaging;
using Confluent.Kafka;
using Messaging.Tests.Support;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Messaging.Tests;

public sealed class MessagingRegistrationTests
{
    [Fact]
    public async Task The_commit_interceptor_reaches_a_pooled_context_registered_after_the_relay()
    {
        var builder = CreateBuilder();
        builder.AddKafkaOutboxRelay<TestDbContext>("kafka");
        builder.AddNpgsqlDbContext<TestDbContext>("messagingdb");
        using var host = builder.Build();

        await using var scope = host.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TestDbContext>();

        var interceptors = dbContext.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors;
        Assert.Contains(interceptors ?? [], interceptor => interceptor is OutboxCommitInterceptor<TestDbContext>);
    }

    [Fact]
    public void The_relay_and_the_dead_letter_publisher_share_one_producer()
    {
        var builder = CreateBuilder();
        builder.AddKafkaOutboxRelay<TestDbContext>("kafka");
        builder.AddKafkaEventConsumer("kafka", "group", subscriptions => subscriptions
            .On<RoomTestedIntegrationEvent, RecordingHandler>("room-events"));

        Assert.Single(builder.Services, service => service.ServiceType == typeof(IProducer<string, byte[]>));
        Assert.Single(builder.Services, service => service.ServiceType == typeof(IConsumer<string, byte[]>));
    }

    [Fact]
    public void A_service_has_one_consumer_host()
    {
        var builder = CreateBuilder();
        builder.AddKafkaEventConsumer("kafka", "group", subscriptions => subscriptions
            .On<RoomTestedIntegrationEvent, RecordingHandler>("room-events"));

        Assert.Throws<InvalidOperationException>(() => builder.AddKafkaEventConsumer("kafka", "group", subscriptions => subscriptions
            .On<RoomIgnoredIntegrationEvent, IgnoringHandler>("room-events")));
    }

    [Fact]
    public void A_service_adds_transient_exceptions_to_the_consumer_options()
    {
        var builder = CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:Consumer:MaxAttempts"] = "5" });
        builder.AddKafkaEventConsumer("kafka", "group", subscriptions => subscriptions
            .On<RoomTestedIntegrationEvent, RecordingHandler>("room-events"));
        builder.Services.Configure<KafkaEventConsumerOptions>(consumer => consumer.AddTransientException<OperationCanceledException>());
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<KafkaEventConsumerOptions>>().Value;

        Assert.Equal(5, options.MaxAttempts);
        Assert.True(options.IsTransient(new InvalidOperationException("wrapped", new OperationCanceledException())));
        Assert.True(options.IsTransient(new TimeoutException()));
    }

    [Fact]
    public void A_consumer_host_needs_a_subscription() =>
        Assert.Throws<InvalidOperationException>(() => CreateBuilder().AddKafkaEventConsumer("kafka", "group", _ => { }));

    private static HostApplicationBuilder CreateBuilder()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = "127.0.0.1:9092",
            ["ConnectionStrings:messagingdb"] = "Host=127.0.0.1;Database=messaging",
        });
        return builder;
    }

    private sealed class IgnoringHandler : IIntegrationEventHandler<RoomIgnoredIntegrationEvent>
    {
        public Task HandleAsync(RoomIgnoredIntegrationEvent @event, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
