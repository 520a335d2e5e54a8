using Accommodation.WebApp.Security;
using Microsoft.Extensions.Time.Testing;

namespace Accommodation.WebApp.Tests;

/// <summary>Signed-in users' tokens stay on the server for a sign-in's lifetime, and no longer.</summary>
public sealed class UserSessionsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Each_sign_in_starts_its_own_session()
    {
        var sessions = new UserSessions(_clock);

        var first = sessions.Start(Tokens("a"));
        var second = sessions.Start(Tokens("b"));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_session_finds_its_tokens()
    {
        var sessions = new UserSessions(_clock);
        var tokens = Tokens("a");

        var id = sessions.Start(tokens);

        Assert.Equal(tokens, sessions.Find(id));
    }

    [Fact]
    public void A_session_ends_after_its_lifetime()
    {
        var sessions = new UserSessions(_clock);
        var id = sessions.Start(Tokens("a"));

        _clock.Advance(UserSessions.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Null(sessions.Find(id));
    }

    [Fact]
    public void An_ended_session_is_gone()
    {
        var sessions = new UserSessions(_clock);
        var id = sessions.Start(Tokens("a"));

        sessions.End(id);

        Assert.Null(sessions.Find(id));
    }

    [Fact]
    public void A_refresh_does_not_bring_an_ended_session_back()
    {
        var sessions = new UserSessions(_clock);
        var id = sessions.Start(Tokens("a"));

        sessions.End(id);
        sessions.Update(id, Tokens("refreshed"));

        Assert.Null(sessions.Find(id));
    }

    [Fact]
    public void A_refresh_keeps_the_new_tokens()
    {
        var sessions = new UserSessions(_clock);
        var id = sessions.Start(Tokens("a"));
        var refreshed = Tokens("refreshed");

        sessions.Update(id, refreshed);

        Assert.Equal(refreshed, sessions.Find(id));
    }

    private SessionTokens Tokens(string name) =>
        new($"access-{name}", _clock.GetUtcNow().AddMinutes(5), $"refresh-{name}", $"identity-{name}");
}
