using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Reads identity's discovery document and keys from identity itself, inside the network. The document names public
/// URLs (the issuer is the gateway's address), which a service may not reach, and need not: the keys are the same.
/// </summary>
public sealed class IdentityMetadataRetriever(Uri metadataAddress) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var configuration = OpenIdConnectConfiguration.Create(await retriever.GetDocumentAsync(address, cancel));
        var keys = JsonWebKeySet.Create(await retriever.GetDocumentAsync(InsideAddress(configuration).ToString(), cancel));
        configuration.JsonWebKeySet = keys;
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }

    /// <summary>The key set's URL with identity's own scheme, host and port in place of the public ones.</summary>
    public Uri InsideAddress(OpenIdConnectConfiguration configuration)
    {
        var published = new Uri(configuration.JwksUri ?? throw new InvalidOperationException($"{metadataAddress} names no jwks_uri."));
        var issuerPath = configuration.Issuer is { Length: > 0 } issuer ? new Uri(issuer).AbsolutePath.TrimEnd('/') : "";
        // A gateway may serve identity under a prefix (the issuer's path); identity itself serves from its root.
        var path = published.AbsolutePath.StartsWith(issuerPath + "/", StringComparison.Ordinal) ? published.AbsolutePath[issuerPath.Length..] : published.AbsolutePath;
        return new UriBuilder(metadataAddress.Scheme, metadataAddress.Host, metadataAddress.Port, path).Uri;
    }
}
