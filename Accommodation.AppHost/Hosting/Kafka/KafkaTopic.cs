namespace Accommodation.AppHost.Hosting.Kafka;

public sealed record KafkaTopic(string Name, int Partitions);
