using System.Text;
using System.Text.Json;
using Accommodation.Messaging;
using Messaging.Tests.Support;

namespace Messaging.Tests;

public sealed class IntegrationEventSerializerTests
{
    [Fact]
    public void Serializes_with_web_defaults_in_camel_case()
    {
        var @event = new RoomTestedIntegrationEvent("101");

        using var json = JsonDocument.Parse(IntegrationEventSerializer.Serialize(@event));

        Assert.Equal("101", json.RootElement.GetProperty("roomNumber").GetString());
        Assert.Equal(@event.Id, json.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(@event.OccurredAt, json.RootElement.GetProperty("occurredAt").GetDateTimeOffset());
    }

    [Fact]
    public void Serializes_the_runtime_type_when_given_the_base_type()
    {
        IntegrationEvent @event = new RoomTestedIntegrationEvent("102");

        using var json = JsonDocument.Parse(IntegrationEventSerializer.Serialize(@event));

        Assert.True(json.RootElement.TryGetProperty("roomNumber", out _));
    }

    [Fact]
    public void Round_trips_an_event()
    {
        var @event = new RoomTestedIntegrationEvent("103", FailHandling: true);

        var copy = IntegrationEventSerializer.Deserialize(IntegrationEventSerializer.Serialize(@event), typeof(RoomTestedIntegrationEvent));

        Assert.Equal(@event, copy);
    }

    [Fact]
    public void Reads_payloads_case_insensitively_as_other_services_may_write_them()
    {
        var payload = Encoding.UTF8.GetBytes("""{"RoomNumber":"104","Id":"0196b3a0-0000-7000-8000-000000000001"}""");

        var @event = (RoomTestedIntegrationEvent)IntegrationEventSerializer.Deserialize(payload, typeof(RoomTestedIntegrationEvent));

        Assert.Equal("104", @event.RoomNumber);
        Assert.Equal(Guid.Parse("0196b3a0-0000-7000-8000-000000000001"), @event.Id);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public void Rejects_a_payload_that_is_not_the_event(string payload) =>
        Assert.ThrowsAny<JsonException>(() =>
            IntegrationEventSerializer.Deserialize(Encoding.UTF8.GetBytes(payload), typeof(RoomTestedIntegrationEvent)));

    [Fact]
    public void The_wire_name_is_the_simple_type_name() =>
        Assert.Equal("RoomTestedIntegrationEvent", IntegrationEventSerializer.EventTypeName(typeof(RoomTestedIntegrationEvent)));
}
