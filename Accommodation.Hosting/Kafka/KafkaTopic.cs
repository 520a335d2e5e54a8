namespace Accommodation.Hosting.Kafka;

public sealed record KafkaTopic(string Name, int Partitions);
