using Accommodation.Payments.Api.Infrastructure.Idempotency;

namespace Accommodation.Payments.Api.Apis;

/// <summary>Writes a recorded response byte for byte: the first answer and every replay of it are the same.</summary>
internal sealed class RecordedResult(RecordedResponse response, bool replayed) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => response.Status;

    public RecordedResponse Response => response;

    public bool Replayed => replayed;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = response.Status;
        httpContext.Response.ContentType = response.ContentType;
        if (response.Location is { } location)
        {
            httpContext.Response.Headers.Location = location;
        }

        if (replayed)
        {
            httpContext.Response.Headers[IdempotencyHeaders.Replayed] = "true";
        }

        await httpContext.Response.WriteAsync(response.Body, httpContext.RequestAborted);
    }
}
