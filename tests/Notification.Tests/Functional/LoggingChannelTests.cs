using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.IntegrationEvents.EventHandling;
using Accommodation.Notification.Tests.Support;
using Accommodation.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Accommodation.Notification.Tests.Functional;

/// <summary>
/// The service as a developer runs it without a KakaoTalk channel, on its own database. Its consumer is left out:
/// in the group "notification" it would take events meant for the other tests' replicas.
/// </summary>
public sealed class LoggingChannelTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private NotificationApiFactory _factory = null!;
    private WebApplicationFactory<Program> _service = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _factory = new NotificationApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:notificationdb"] = await infrastructure.CreateDatabaseAsync("notification_log"),
            ["ConnectionStrings:kafka"] = infrastructure.KafkaBootstrapServers,
            ["Notification:PollInterval"] = "00:00:00.100",
        });
        _service = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            services.Remove(services.Single(service =>
                service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Name == "KafkaEventConsumer"));
        }));
        _ = _service.Server;
    }

    [Fact]
    public async Task Without_an_endpoint_a_notice_is_written_to_the_log_and_marked_sent()
    {
        var customerId = TestReservation.NewCustomerId();
        var text = $"[숙소예약] {customerId}님, 101호 2026-12-24~2026-12-26 예약이 확정되었습니다. (예약번호 R-20261224-7F3K9Q)";

        await using (var scope = _service.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NoticeRecorder>().RecordAsync(
                Guid.CreateVersion7(), new NoticeDraft(NoticeKind.ReservationConfirmed, customerId, "R-20261224-7F3K9Q", text), CancellationToken.None);
        }

        var notice = Assert.Single(await _service.CreateManagerClient().WaitForNoticesAsync(customerId, 1, "Sent"));
        Assert.Equal(1, notice.GetProperty("attempts").GetInt32());
        Assert.Contains(_logs.Lines, line => line.StartsWith("Warning: No KakaoTalk endpoint is configured (Notification:KakaoTalk:Endpoint)", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, line => line.Contains(customerId, StringComparison.Ordinal) && line.EndsWith(text, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
