using Accommodation.Identity.Api.Data;
using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Identity.Tests;

/// <summary>
/// The real identity service over its own PostgreSQL database and key directory, reached over HTTPS (the test server
/// takes the scheme from the base address), so the production transport rules are the ones under test.
/// </summary>
public class IdentityApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string WebRedirectUri = "https://web.test/signin-oidc";
    public const string WebPostLogoutRedirectUri = "https://web.test/signout-callback-oidc";
    public const string ReservationSecret = "reservation-test-secret";
    public const string LoadTestsSecret = "loadtests-test-secret";

    // The documented demo users of appsettings.Development.json (the test host runs as Development).
    public const string KimPassword = "Kim-demo-pass-1";
    public const string ParkPassword = "Park-demo-pass-1";

    public string ConnectionString { get; private set; } = "";

    public string KeyDirectory { get; private set; } = "";

    /// <summary>Set before start to share a database and key directory with another instance (a restart).</summary>
    public IdentityApiFactory? RestartOf { get; init; }

    public async Task InitializeAsync()
    {
        if (RestartOf is { } previous)
        {
            ConnectionString = previous.ConnectionString;
            KeyDirectory = previous.KeyDirectory;
        }
        else
        {
            var infrastructure = await TestInfrastructure.GetAsync();
            ConnectionString = await infrastructure.CreateDatabaseAsync("identity");
            KeyDirectory = Path.Combine(Path.GetTempPath(), $"identity-keys-{Guid.NewGuid():N}");
        }

        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
        // Start now, so migrations and seeding run here and not inside the first test's timing.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:identitydb", ConnectionString);
        builder.UseSetting("Identity:Keys:Directory", KeyDirectory);
        builder.UseSetting("Identity:RequireHttps", "true");
        builder.UseSetting("Identity:SeedDemoUsers", "true");
        builder.UseSetting("Identity:Clients:web:RedirectUris:0", WebRedirectUri);
        builder.UseSetting("Identity:Clients:web:PostLogoutRedirectUris:0", WebPostLogoutRedirectUri);
        builder.UseSetting("Identity:Clients:reservation:Secret", ReservationSecret);
        builder.UseSetting("Identity:Clients:loadtests:Secret", LoadTestsSecret);
    }

    public async Task<T> QueryAsync<T>(Func<AccountsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AccountsDbContext>());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (RestartOf is null && Directory.Exists(KeyDirectory))
        {
            Directory.Delete(KeyDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(nameof(IdentityApiCollection))]
public sealed class IdentityApiCollection : ICollectionFixture<IdentityApiFactory>;
