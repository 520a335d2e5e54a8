using Accommodation.Messaging;

namespace Messaging.Tests.Support.OtherNamespace;

/// <summary>Another service's copy of the event with the same wire name but a different CLR type.</summary>
public sealed record RoomTestedIntegrationEvent(string Number) : IntegrationEvent;
