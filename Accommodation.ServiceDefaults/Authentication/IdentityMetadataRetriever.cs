using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Reads identity's discovery document and keys from identity itself, inside the network. The document names public
/// URLs (the issuer is the gateway's address), which a service may not reach, and need not: the keys are the same.
/// The endpoints only a server calls (token, user info) are moved inside too; those a browser is sent to (authorize,
/// end session) are put on the issuer's public address, whichever address identity answered the document on.
/// </summary>
public sealed class IdentityMetadataRetriever(Uri metadataAddress) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    /// <summary>Identity's configuration read from inside, for a JwtBearer or OpenID Connect handler's ConfigurationManager.</summary>
    public static ConfigurationManager<OpenIdConnectConfiguration> ConfigurationManager(Uri metadataAddress, bool requireHttps) => new(
        metadataAddress.ToString(),
        new IdentityMetadataRetriever(metadataAddress),
        new HttpDocumentRetriever(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }) { RequireHttps = requireHttps });

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var configuration = OpenIdConnectConfiguration.Create(await retriever.GetDocumentAsync(address, cancel));
        var keys = JsonWebKeySet.Create(await retriever.GetDocumentAsync(InsideAddress(configuration).ToString(), cancel));
        configuration.JsonWebKeySet = keys;
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        if (configuration.TokenEndpoint is { Length: > 0 } tokenEndpoint)
        {
            configuration.TokenEndpoint = Inside(tokenEndpoint, configuration).ToString();
        }

        if (configuration.UserInfoEndpoint is { Length: > 0 } userInfoEndpoint)
        {
            configuration.UserInfoEndpoint = Inside(userInfoEndpoint, configuration).ToString();
        }

        if (configuration.AuthorizationEndpoint is { Length: > 0 } authorizationEndpoint)
        {
            configuration.AuthorizationEndpoint = Public(authorizationEndpoint, configuration).ToString();
        }

        if (configuration.EndSessionEndpoint is { Length: > 0 } endSessionEndpoint)
        {
            configuration.EndSessionEndpoint = Public(endSessionEndpoint, configuration).ToString();
        }

        return configuration;
    }

    /// <summary>The key set's URL with identity's own scheme, host and port in place of the public ones.</summary>
    public Uri InsideAddress(OpenIdConnectConfiguration configuration) =>
        Inside(configuration.JwksUri ?? throw new InvalidOperationException($"{metadataAddress} names no jwks_uri."), configuration);

    private Uri Inside(string publishedUrl, OpenIdConnectConfiguration configuration)
    {
        var published = new Uri(publishedUrl);
        var issuerPath = IssuerPath(configuration);
        // A gateway may serve identity under a prefix (the issuer's path); identity itself serves from its root.
        var path = published.AbsolutePath.StartsWith(issuerPath + "/", StringComparison.Ordinal) ? published.AbsolutePath[issuerPath.Length..] : published.AbsolutePath;
        return new UriBuilder(metadataAddress.Scheme, metadataAddress.Host, metadataAddress.Port, path).Uri;
    }

    private static Uri Public(string publishedUrl, OpenIdConnectConfiguration configuration)
    {
        if (configuration.Issuer is not { Length: > 0 } issuer)
        {
            return new Uri(publishedUrl);
        }

        var issuerUri = new Uri(issuer);
        var path = new Uri(publishedUrl).AbsolutePath;
        var issuerPath = IssuerPath(configuration);
        var publicPath = path.StartsWith(issuerPath + "/", StringComparison.Ordinal) ? path : issuerPath + path;
        return new UriBuilder(issuerUri.Scheme, issuerUri.Host, issuerUri.Port, publicPath).Uri;
    }

    private static string IssuerPath(OpenIdConnectConfiguration configuration) =>
        configuration.Issuer is { Length: > 0 } issuer ? new Uri(issuer).AbsolutePath.TrimEnd('/') : "";
}
