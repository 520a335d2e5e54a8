using Accommodation.Notification.Api.Domain;
using Microsoft.Extensions.Options;

namespace Accommodation.Notification.Api.Infrastructure.Channels;

/// <summary>
/// The KakaoTalk adapter of <see cref="INoticeChannel"/>: POSTs one templated message per notice to the configured
/// endpoint, with the notice id as idempotency key so the channel can drop a resend.
/// </summary>
internal sealed class KakaoTalkMessageClient(HttpClient httpClient, IOptions<KakaoTalkOptions> options) : INoticeChannel
{
    public const string IdempotencyKeyHeader = "X-Idempotency-Key";
    private const int MaxErrorBodyLength = 300;

    public async Task SendAsync(Notice notice, CancellationToken cancellationToken)
    {
        var kakaoTalk = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, kakaoTalk.Endpoint)
        {
            Content = JsonContent.Create(new KakaoTalkMessage(
                kakaoTalk.SenderKey!, kakaoTalk.TemplateCodeFor(notice.Kind), notice.CustomerId, notice.Message)),
        };
        request.Headers.Add(IdempotencyKeyHeader, notice.Id.ToString());

        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"KakaoTalk answered {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > MaxErrorBodyLength ? body[..MaxErrorBodyLength] : body)}",
                inner: null,
                response.StatusCode);
        }
    }
}

/// <summary>The JSON body of one message: who sends it, which registered template it follows, to whom, and its text.</summary>
internal sealed record KakaoTalkMessage(string SenderKey, string TemplateCode, string Recipient, string Message);
