using Accommodation.Messaging;

namespace Messaging.Tests.Support;

/// <summary>
/// An event whose handler fails on purpose: every attempt when <see cref="FailHandling"/> is set, or the first
/// <see cref="TransientFailures"/> attempts with a transient failure (a timeout, as when a database is away).
/// </summary>
public sealed record RoomTestedIntegrationEvent(string RoomNumber, bool FailHandling = false, int TransientFailures = 0)
    : IntegrationEvent;

/// <summary>An event no test consumer subscribes to.</summary>
public sealed record RoomIgnoredIntegrationEvent(string RoomNumber) : IntegrationEvent;
