using Accommodation.Notification.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Notification.Api.Apis;

public static class NoticesApi
{
    public static RouteGroupBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/notices").WithTags("Notices").ProducesValidationProblem();

        api.MapGet("/", ListNotices)
            .WithName(nameof(ListNotices))
            .WithSummary("A customer's notice log, newest first, one page at a time");
        api.MapGet("/{id}", GetNotice)
            .WithName(nameof(GetNotice))
            .WithSummary("Get one notice with its delivery state")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static async Task<Ok<PaginatedItems<NoticeResponse>>> ListNotices(
        [AsParameters] NoticeLogRequest request, NotificationDbContext dbContext, CancellationToken cancellationToken)
    {
        var notices = dbContext.Notices.AsNoTracking().Where(notice => notice.CustomerId == request.CustomerId);
        if (request.ReservationNumber is { } reservationNumber)
        {
            notices = notices.Where(notice => notice.ReservationNumber == reservationNumber);
        }

        var count = await notices.LongCountAsync(cancellationToken);
        var page = await notices
            .OrderByDescending(notice => notice.CreatedAt)
            .ThenByDescending(notice => notice.Id)
            .Skip(request.PageIndex * request.PageSize)
            .Take(request.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PaginatedItems<NoticeResponse>(
            request.PageIndex, request.PageSize, count, [.. page.Select(NoticeResponse.From)]));
    }

    public static async Task<Results<Ok<NoticeResponse>, ProblemHttpResult>> GetNotice(
        Guid id, NotificationDbContext dbContext, CancellationToken cancellationToken) =>
        await dbContext.Notices.AsNoTracking().SingleOrDefaultAsync(notice => notice.Id == id, cancellationToken) is { } notice
            ? TypedResults.Ok(NoticeResponse.From(notice))
            : TypedResults.Problem(
                title: "Notice not found.",
                detail: $"No notice has the id {id}.",
                statusCode: StatusCodes.Status404NotFound);
}
