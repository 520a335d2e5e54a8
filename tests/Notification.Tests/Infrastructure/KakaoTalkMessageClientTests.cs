using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.Infrastructure.Channels;
using Accommodation.Notification.Tests.Support;
using Microsoft.Extensions.Options;

namespace Accommodation.Notification.Tests.Infrastructure;

public sealed class KakaoTalkMessageClientTests(FakeMessageEndpoint endpoint) : IClassFixture<FakeMessageEndpoint>, IDisposable
{
    private readonly HttpClient _httpClient = new();
    private readonly string _customerId = TestReservation.NewCustomerId();

    [Fact]
    public async Task Posts_the_templated_message_with_the_notice_id_as_idempotency_key()
    {
        var notice = NewNotice(NoticeKind.ReservationCancelled);

        await Client().SendAsync(notice, CancellationToken.None);

        var message = Assert.Single(endpoint.To(_customerId));
        Assert.Equal(notice.Id.ToString(), message.IdempotencyKey);
        Assert.Equal(("sender-1", "ReservationCancelled", notice.Message), (message.SenderKey, message.TemplateCode, message.Message));
    }

    [Fact]
    public async Task Uses_the_configured_template_code_of_the_kind()
    {
        var options = new KakaoTalkOptions { Endpoint = endpoint.MessagesUrl, SenderKey = "sender-1" };
        options.TemplateCodes[NoticeKind.PaymentRefunded] = "ACCOM_REFUND_V2";

        await Client(options).SendAsync(NewNotice(NoticeKind.PaymentRefunded), CancellationToken.None);

        Assert.Equal("ACCOM_REFUND_V2", Assert.Single(endpoint.To(_customerId)).TemplateCode);
    }

    [Fact]
    public async Task A_refusal_of_the_channel_is_an_error_naming_its_status()
    {
        endpoint.FailNext(_customerId, count: 1, status: 503);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Client().SendAsync(NewNotice(NoticeKind.ReservationPlaced), CancellationToken.None));

        Assert.Contains("503", error.Message);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    private KakaoTalkMessageClient Client(KakaoTalkOptions? options = null) =>
        new(_httpClient, Options.Create(options ?? new KakaoTalkOptions { Endpoint = endpoint.MessagesUrl, SenderKey = "sender-1" }));

    private Notice NewNotice(NoticeKind kind) =>
        Notice.Create(Guid.NewGuid(), new NoticeDraft(kind, _customerId, "R-20261224-7F3K9Q", $"[숙소예약] {_customerId}님, {kind}"), DateTimeOffset.UtcNow);

    public void Dispose() => _httpClient.Dispose();
}
