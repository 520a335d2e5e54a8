using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.Extensions;
using Accommodation.Notification.Api.Infrastructure.Channels;
using Accommodation.Notification.Api.Infrastructure.Delivery;
using Accommodation.Notification.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Accommodation.Notification.Tests.Infrastructure;

/// <summary>The service's real registrations, built but not started: which channel it sends through, and how.</summary>
public sealed class DeliveryWiringTests(FakeMessageEndpoint endpoint) : IClassFixture<FakeMessageEndpoint>
{
    [Fact]
    public async Task Without_an_endpoint_notices_go_to_the_log()
    {
        await using var app = Build([]);
        await using var scope = app.Services.CreateAsyncScope();

        Assert.IsType<LoggingNoticeChannel>(scope.ServiceProvider.GetRequiredService<INoticeChannel>());
    }

    [Fact]
    public async Task With_an_endpoint_notices_go_to_KakaoTalk_and_each_attempt_is_one_request()
    {
        var customerId = TestReservation.NewCustomerId();
        endpoint.FailNext(customerId, count: 1, status: 503);
        await using var app = Build(new() { ["Notification:KakaoTalk:Endpoint"] = endpoint.MessagesUrl, ["Notification:KakaoTalk:SenderKey"] = "sender-1" });
        await using var scope = app.Services.CreateAsyncScope();
        var channel = scope.ServiceProvider.GetRequiredService<INoticeChannel>();
        var notice = Notice.Create(Guid.NewGuid(), new NoticeDraft(NoticeKind.ReservationConfirmed, customerId, "R-20261224-7F3K9Q", "확정"), DateTimeOffset.UtcNow);

        // The standard handler would have retried the 503 at once; the dispatcher's counted attempts own retrying instead.
        await Assert.ThrowsAsync<HttpRequestException>(() => channel.SendAsync(notice, CancellationToken.None));
        Assert.Single(endpoint.To(customerId));
        await channel.SendAsync(notice, CancellationToken.None);

        Assert.IsType<KakaoTalkMessageClient>(channel);
        Assert.Equal([503, 200], endpoint.To(customerId).Select(message => message.AnsweredStatus));
    }

    [Fact]
    public async Task By_default_a_notice_gets_eight_attempts()
    {
        await using var app = Build([]);

        Assert.Equal(8, app.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.MaxAttempts);
    }

    [Fact]
    public async Task Template_codes_are_configured_per_kind_and_default_to_the_kind_name()
    {
        await using var app = Build(new() { ["Notification:KakaoTalk:TemplateCodes:PaymentRefunded"] = "ACCOM_REFUND_V2" });
        var options = app.Services.GetRequiredService<IOptions<KakaoTalkOptions>>().Value;

        Assert.Equal("ACCOM_REFUND_V2", options.TemplateCodeFor(NoticeKind.PaymentRefunded));
        Assert.Equal("ReservationPlaced", options.TemplateCodeFor(NoticeKind.ReservationPlaced));
    }

    [Theory]
    [InlineData("not a url", "sender-1")]
    [InlineData("/relative/path", "sender-1")]
    [InlineData("ftp://example.com/messages", "sender-1")]
    [InlineData("https://example.com/messages", "")]
    public async Task An_unusable_KakaoTalk_configuration_is_refused(string url, string senderKey)
    {
        await using var app = Build(new() { ["Notification:KakaoTalk:Endpoint"] = url, ["Notification:KakaoTalk:SenderKey"] = senderKey });

        Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<KakaoTalkOptions>>().Value);
    }

    [Fact]
    public async Task A_notice_without_any_attempt_is_refused()
    {
        await using var app = Build(new() { ["Notification:MaxAttempts"] = "0" });

        Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<NotificationOptions>>().Value);
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Never connected to: nothing is started.
            ["ConnectionStrings:notificationdb"] = "Host=127.0.0.1;Database=unused",
            ["ConnectionStrings:kafka"] = "127.0.0.1:9",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        return builder.Build();
    }
}
