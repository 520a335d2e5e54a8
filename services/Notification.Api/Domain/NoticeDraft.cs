namespace Accommodation.Notification.Api.Domain;

/// <summary>What a notice will say and to whom, before it is recorded.</summary>
public sealed record NoticeDraft(NoticeKind Kind, string CustomerId, string ReservationNumber, string Message);
