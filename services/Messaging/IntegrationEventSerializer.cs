using System.Text.Json;

namespace Accommodation.Messaging;

/// <summary>The wire format of integration events: System.Text.Json with web defaults (camelCase), UTF-8.</summary>
public static class IntegrationEventSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The name a consumer matches on: the record's simple type name.</summary>
    public static string EventTypeName(Type eventType) => eventType.Name;

    public static byte[] Serialize(IntegrationEvent @event) =>
        JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), Options);

    /// <exception cref="JsonException">The payload is not a JSON object of <paramref name="eventType"/>.</exception>
    public static IntegrationEvent Deserialize(ReadOnlySpan<byte> payload, Type eventType) =>
        JsonSerializer.Deserialize(payload, eventType, Options) as IntegrationEvent
        ?? throw new JsonException($"The payload is not a {eventType.Name}.");
}
