using Accommodation.Identity.Api.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Accommodation.Identity.Api.Seeding;

/// <summary>
/// At start-up, after the migrations: the roles, the OAuth clients as configuration describes them, and (when enabled)
/// the demo users. Safe to run any number of times and from several replicas.
/// </summary>
public sealed partial class IdentitySeeder(
    IServiceProvider services,
    IOptions<IdentityServiceOptions> options,
    ILogger<IdentitySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await SeedRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await SeedClientsAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), cancellationToken);
        if (options.Value.SeedDemoUsers)
        {
            await SeedDemoUsersAsync(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task SeedRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Ensure(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    private async Task SeedClientsAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        foreach (var client in ClientCatalog.Clients)
        {
            var settings = options.Value.Clients.GetValueOrDefault(client.ClientId) ?? new ClientSettings();
            var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
            if (client.IsConfidential && string.IsNullOrEmpty(settings.Secret))
            {
                // No secret configured means the client is switched off, e.g. the load-test client in production.
                if (existing is not null)
                {
                    await applications.DeleteAsync(existing, cancellationToken);
                }

                LogClientDisabled(client.ClientId);
                continue;
            }

            var descriptor = Describe(client, settings);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            else
            {
                // Configuration is the truth: a changed secret or redirect URI takes effect on the next start.
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }
    }

    private static OpenIddictApplicationDescriptor Describe(ClientDefinition client, ClientSettings settings)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            DisplayName = client.DisplayName,
            ClientType = client.IsConfidential ? ClientTypes.Confidential : ClientTypes.Public,
            ClientSecret = client.IsConfidential ? settings.Secret : null,
            ConsentType = ConsentTypes.Implicit,
        };
        descriptor.RedirectUris.UnionWith(settings.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(settings.PostLogoutRedirectUris);

        foreach (var grantType in client.GrantTypes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grantType);
        }

        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        if (client.GrantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        foreach (var scope in client.Scopes.Where(scope => scope != Scopes.OpenId))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        return descriptor;
    }

    private async Task SeedDemoUsersAsync(UserManager<IdentityUser> users)
    {
        foreach (var (userName, settings) in options.Value.DemoUsers)
        {
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new IdentityUser(userName);
                // A password someone changed since is theirs: only a new user gets the configured one.
                Ensure(await users.CreateAsync(user, settings.Password), $"demo user {userName}");
                LogDemoUserCreated(userName, settings.Role);
            }

            if (!await users.IsInRoleAsync(user, settings.Role))
            {
                Ensure(await users.AddToRoleAsync(user, settings.Role), $"role {settings.Role} of demo user {userName}");
            }
        }
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed {what}: {string.Join(" ", result.Errors.Select(error => error.Description))}");
        }
    }

    [LoggerMessage(LogLevel.Information, "Client {ClientId} has no secret configured and is not registered")]
    private partial void LogClientDisabled(string clientId);

    [LoggerMessage(LogLevel.Information, "Demo user {UserName} created with role {Role}")]
    private partial void LogDemoUserCreated(string userName, string role);
}
