using Accommodation.Identity.Api.Keys;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Accommodation.Identity.Tests;

/// <summary>Restarts: each test starts its own instances over one database and key directory.</summary>
public sealed class KeysAndSeedingTests
{
    [Fact]
    public async Task Signing_key_survives_a_restart_on_the_same_key_directory()
    {
        await using var first = await StartAsync(new IdentityApiFactory());
        var firstClient = new OAuthClient(first.CreateClient());
        var token = (await firstClient.ClientCredentialsAsync("reservation", IdentityApiFactory.ReservationSecret, "payment.pay")).AccessToken;
        var kid = new JsonWebToken(token).Kid;

        await using var restarted = await StartAsync(new IdentityApiFactory { RestartOf = first });
        var restartedClient = new OAuthClient(restarted.CreateClient());

        Assert.Contains(kid, (await restartedClient.KeySetAsync()).Keys.Select(key => key.Kid));
        var again = (await restartedClient.ClientCredentialsAsync("reservation", IdentityApiFactory.ReservationSecret, "payment.pay")).AccessToken;
        Assert.Equal(kid, new JsonWebToken(again).Kid);
        // A token issued before the restart still validates against the restarted server's keys.
        var validation = await restartedClient.ValidateAsync(token, audience: "payment");
        Assert.True(validation.IsValid, validation.Exception?.Message);
    }

    [Fact]
    public async Task Another_key_directory_means_another_key()
    {
        await using var one = await StartAsync(new IdentityApiFactory());
        await using var other = await StartAsync(new IdentityApiFactory());

        var oneKeys = (await new OAuthClient(one.CreateClient()).KeySetAsync()).Keys.Select(key => key.Kid);
        var otherKeys = (await new OAuthClient(other.CreateClient()).KeySetAsync()).Keys.Select(key => key.Kid);

        Assert.Empty(oneKeys.Intersect(otherKeys));
    }

    [Fact]
    public async Task Generated_key_files_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var factory = await StartAsync(new IdentityApiFactory());

        foreach (var file in new[] { KeyCertificates.SigningFileName, KeyCertificates.EncryptionFileName })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(factory.KeyDirectory, file)));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(factory.KeyDirectory));
    }

    [Fact]
    public async Task Seeding_again_adds_no_user_role_or_client_and_keeps_a_changed_password()
    {
        await using var first = await StartAsync(new IdentityApiFactory());
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var kim = await users.FindByNameAsync("kim");
            Assert.NotNull(kim);
            Assert.True((await users.ChangePasswordAsync(kim, IdentityApiFactory.KimPassword, "Kim-changed-pass-2")).Succeeded);
        }

        var before = await CountsAsync(first);

        await using var restarted = await StartAsync(new IdentityApiFactory { RestartOf = first });

        Assert.Equal(before, await CountsAsync(restarted));
        Assert.Equal((3, 2, 3, 3), before);
        var tokens = await new OAuthClient(restarted.CreateClient()).CodeFlowAsync("kim", "Kim-changed-pass-2");
        Assert.Equal("kim", new JsonWebToken(tokens.AccessToken).Subject);
    }

    [Fact]
    public async Task Demo_users_are_not_seeded_when_turned_off()
    {
        await using var factory = await StartAsync(new WithoutDemoUsers());

        Assert.Equal(0, await factory.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(2, await factory.QueryAsync(db => db.Roles.CountAsync()));
    }

    private static Task<(int Users, int Roles, int UserRoles, int Clients)> CountsAsync(IdentityApiFactory factory) => factory.QueryAsync(async db => (
        await db.Users.CountAsync(),
        await db.Roles.CountAsync(),
        await db.UserRoles.CountAsync(),
        await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().CountAsync()));

    private static async Task<IdentityApiFactory> StartAsync(IdentityApiFactory factory)
    {
        await ((IAsyncLifetime)factory).InitializeAsync();
        return factory;
    }

    private sealed class WithoutDemoUsers : IdentityApiFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Identity:SeedDemoUsers", "false");
        }
    }
}
