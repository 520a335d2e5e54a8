using Accommodation.Messaging;

namespace Messaging.Tests.Support;

/// <summary>An event whose handler fails on purpose when <see cref="FailHandling"/> is set.</summary>
public sealed record RoomTestedIntegrationEvent(string RoomNumber, bool FailHandling = false) : IntegrationEvent;

/// <summary>An event no test consumer subscribes to.</summary>
public sealed record RoomIgnoredIntegrationEvent(string RoomNumber) : IntegrationEvent;
