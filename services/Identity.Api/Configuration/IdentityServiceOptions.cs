namespace Accommodation.Identity.Api.Configuration;

/// <summary>The "Identity" configuration section: issuer, transport, keys, token lifetimes, clients and demo users.</summary>
public sealed class IdentityServiceOptions
{
    public const string SectionName = "Identity";

    /// <summary>The public issuer URL; behind a proxy it differs from the service's own. Null: the request's.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>Refuse plain HTTP; only a local development run turns this off.</summary>
    public bool RequireHttps { get; set; } = true;

    public bool SeedDemoUsers { get; set; }

    /// <summary>By user name, which is also the user's <c>sub</c> and so the customer id everywhere else.</summary>
    public Dictionary<string, DemoUserSettings> DemoUsers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By client id: <c>web</c>, <c>reservation</c>, <c>loadtests</c>.</summary>
    public Dictionary<string, ClientSettings> Clients { get; set; } = new(StringComparer.Ordinal);

    public TokenLifetimes Tokens { get; set; } = new();

    public KeySettings Keys { get; set; } = new();
}

public sealed class DemoUserSettings
{
    public string Password { get; set; } = "";

    public string Role { get; set; } = Roles.Customer;
}

public sealed class ClientSettings
{
    /// <summary>Confidential clients only; a confidential client without a secret is not registered at all.</summary>
    public string? Secret { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}

public sealed class TokenLifetimes
{
    public TimeSpan AccessToken { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan IdentityToken { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan AuthorizationCode { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RefreshToken { get; set; } = TimeSpan.FromDays(14);
}

public sealed class KeySettings
{
    /// <summary>Where generated certificates are kept; all replicas must share it. Null: a folder in local app data.</summary>
    public string? Directory { get; set; }

    /// <summary>Protects the generated certificate files; optional, the files are owner-only anyway.</summary>
    public string? Password { get; set; }

    /// <summary>A certificate supplied by the operator instead of a generated one.</summary>
    public CertificateFile? SigningCertificate { get; set; }

    public CertificateFile? EncryptionCertificate { get; set; }
}

public sealed class CertificateFile
{
    public string Path { get; set; } = "";

    public string? Password { get; set; }
}

public static class Roles
{
    public const string Customer = "customer";
    public const string Manager = "manager";

    public static readonly IReadOnlyList<string> All = [Customer, Manager];
}
