using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Accommodation.Notification.Tests.Functional;

/// <summary>
/// One replica of the real notification service, started with the given settings, trusting the tests' own tokens
/// (<see cref="TestTokens"/>) in place of identity's; see <see cref="NoticeClients"/>.
/// </summary>
public sealed class NotificationApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>The audience the service accepts: its name.</summary>
    public const string Audience = "notification";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AcceptTestTokens());
    }
}

/// <summary>Clients of a notification service under test, each carrying the token of one kind of caller.</summary>
public static class NoticeClients
{
    public static HttpClient CreateClient(this WebApplicationFactory<Program> factory, string token) =>
        factory.CreateClient().UseBearer(token);

    /// <summary>A manager: reads every customer's notices.</summary>
    public static HttpClient CreateManagerClient(this WebApplicationFactory<Program> factory) =>
        factory.CreateClient(TestTokens.Manager(NotificationApiFactory.Audience));

    /// <summary>A customer signed in as <paramref name="customerId"/>: reads their own notices only.</summary>
    public static HttpClient CreateCustomerClient(this WebApplicationFactory<Program> factory, string customerId) =>
        factory.CreateClient(TestTokens.Customer(customerId, NotificationApiFactory.Audience));
}
