using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

namespace Accommodation.Messaging;

internal static class MessagingProducerRegistration
{
    /// <summary>
    /// Registers the one <see cref="IProducer{TKey,TValue}"/> that the relay and the dead-letter publisher share:
    /// idempotent with acks=all whatever the configuration says, so a retry never duplicates or reorders.
    /// </summary>
    public static void AddIdempotentKafkaProducer(this IHostApplicationBuilder builder, string connectionName)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(IProducer<string, byte[]>)))
        {
            return;
        }

        builder.AddKafkaProducer<string, byte[]>(connectionName, settings =>
        {
            settings.Config.EnableIdempotence = true;
            settings.Config.Acks = Acks.All;
        });
    }
}
