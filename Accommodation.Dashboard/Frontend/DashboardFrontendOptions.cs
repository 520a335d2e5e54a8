using System.Security.Cryptography;

namespace Accommodation.Dashboard.Frontend;

public enum DashboardAuthMode
{
    /// <summary>A browser logs in once with the token printed at start-up; scripts send it as a bearer token.</summary>
    BrowserToken,

    /// <summary>No login at all: for a machine nobody else uses. Chosen explicitly, and said so at start-up.</summary>
    Unsecured,
}

/// <summary>Configuration section Dashboard:Frontend, named as the Aspire dashboard names it.</summary>
public sealed class DashboardFrontendOptions
{
    public const string SectionName = "Dashboard:Frontend";

    public DashboardAuthMode AuthMode { get; set; } = DashboardAuthMode.BrowserToken;

    /// <summary>The login token; a new random one at every start when not configured.</summary>
    public string? BrowserToken { get; set; }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
