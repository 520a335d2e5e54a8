using System.Security.Claims;
using Accommodation.Notification.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Notification.Api.Apis;

/// <summary>
/// The notice log. A customer reads their own notices and a manager anyone's; another customer's log or notice is
/// answered like a missing one, so whether it exists is never revealed.
/// </summary>
public static class NoticesApi
{
    private static readonly AuthorizeAttribute CustomerOrManager = new() { Roles = $"{AccessPolicies.Customer},{AccessPolicies.Manager}" };

    public static RouteGroupBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/notices").WithTags("Notices")
            .RequireAuthorization(CustomerOrManager)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/", ListNotices)
            .WithName(nameof(ListNotices))
            .WithSummary("A customer's notice log, newest first, one page at a time (a customer: their own)");
        api.MapGet("/{id}", GetNotice)
            .WithName(nameof(GetNotice))
            .WithSummary("Get one notice with its delivery state (a customer: one of their own)");

        return api;
    }

    public static async Task<Results<Ok<PaginatedItems<NoticeResponse>>, ValidationProblem, ProblemHttpResult>> ListNotices(
        [AsParameters] NoticeLogRequest request, ClaimsPrincipal user, NotificationDbContext dbContext, CancellationToken cancellationToken)
    {
        string customerId;
        if (user.IsManager())
        {
            if (request.CustomerId is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["customerId"] = ["A manager names the customer whose notices to list."],
                });
            }

            customerId = request.CustomerId;
        }
        else
        {
            if (request.CustomerId is { } named && !user.MayActFor(named))
            {
                return TypedResults.Problem(
                    title: "Customer not found.",
                    detail: $"There is no customer {named} whose notices you may read.",
                    statusCode: StatusCodes.Status404NotFound);
            }

            customerId = user.CustomerId();
        }

        var notices = dbContext.Notices.AsNoTracking().Where(notice => notice.CustomerId == customerId);
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
        Guid id, ClaimsPrincipal user, NotificationDbContext dbContext, CancellationToken cancellationToken) =>
        await dbContext.Notices.AsNoTracking().SingleOrDefaultAsync(notice => notice.Id == id, cancellationToken) is { } notice
            && user.MayActFor(notice.CustomerId)
            ? TypedResults.Ok(NoticeResponse.From(notice))
            : TypedResults.Problem(
                title: "Notice not found.",
                detail: $"No notice has the id {id}.",
                statusCode: StatusCodes.Status404NotFound);
}
