using Accommodation.Notification.Api.Domain;

namespace Accommodation.Notification.Api.Apis;

public sealed record NoticeResponse(
    Guid Id,
    Guid EventId,
    string CustomerId,
    string ReservationNumber,
    NoticeKind Kind,
    string Message,
    NoticeStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? SentAt)
{
    public static NoticeResponse From(Notice notice) => new(
        notice.Id, notice.EventId, notice.CustomerId, notice.ReservationNumber, notice.Kind, notice.Message, notice.Status,
        notice.Attempts, notice.LastError, notice.CreatedAt, notice.LastAttemptAt, notice.SentAt);
}

public sealed record PaginatedItems<TItem>(int PageIndex, int PageSize, long Count, IReadOnlyList<TItem> Data);
