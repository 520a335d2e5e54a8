using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Accommodation.WebApp.Security;

/// <summary>The tokens of one signed-in browser; only the web server ever sees them.</summary>
public sealed record SessionTokens(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string? RefreshToken, string? IdentityToken);

/// <summary>
/// Signed-in users' tokens, kept on the server: the browser's cookie carries a session id and the user's claims, never a
/// token (the backend-for-frontend pattern). Kept in memory, as the Blazor circuits themselves are: a user whose session
/// this process does not know (after a restart) signs in again, which identity's own cookie makes a redirect, not a form.
/// </summary>
public sealed class UserSessions(TimeProvider clock)
{
    /// <summary>How long a sign-in lasts, the cookie and the session alike.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    public string Start(SessionTokens tokens)
    {
        RemoveEnded();
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = new Entry(tokens, clock.GetUtcNow() + Lifetime, new SemaphoreSlim(1, 1));
        return id;
    }

    public SessionTokens? Find(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var entry) && entry.EndsAt > clock.GetUtcNow() ? entry.Tokens : null;

    /// <summary>Keeps the tokens a refresh returned; a session ended meanwhile stays ended.</summary>
    public void Update(string sessionId, SessionTokens tokens)
    {
        if (_sessions.TryGetValue(sessionId, out var entry))
        {
            _sessions.TryUpdate(sessionId, entry with { Tokens = tokens }, entry);
        }
    }

    public void End(string sessionId) => _sessions.TryRemove(sessionId, out _);

    /// <summary>
    /// Held while the session's tokens are renewed: every tab of one sign-in shares them, and a refresh token is spent
    /// once. Null when the session has ended.
    /// </summary>
    public SemaphoreSlim? RenewalLock(string sessionId) => _sessions.TryGetValue(sessionId, out var entry) ? entry.Renewing : null;

    private void RemoveEnded()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _sessions)
        {
            if (entry.EndsAt <= now)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private sealed record Entry(SessionTokens Tokens, DateTimeOffset EndsAt, SemaphoreSlim Renewing);
}
