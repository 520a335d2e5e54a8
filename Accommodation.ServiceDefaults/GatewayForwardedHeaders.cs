using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Microsoft.Extensions.Hosting;

public static class GatewayForwardedHeaders
{
    /// <summary>
    /// Behind the gateway: the scheme and host the browser used come from its X-Forwarded-* headers, so that redirects
    /// a browser follows (sign-in pages, callbacks) name the public address, not this service's own.
    /// </summary>
    public static WebApplication UseGatewayForwardedHeaders(this WebApplication app)
    {
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        // The service is reachable only from inside the network (internal ingress), so any sender there is the gateway.
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        app.UseForwardedHeaders(forwarded);
        return app;
    }
}
