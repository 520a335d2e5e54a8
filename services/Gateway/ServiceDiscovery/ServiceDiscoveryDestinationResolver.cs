using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Accommodation.Gateway.ServiceDiscovery;

/// <summary>
/// Turns a destination such as <c>http://room</c> into the addresses service discovery knows for it
/// (<c>services__room__http__0</c>, …), one destination per address, refreshed when they change.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver endpointResolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var original = new Uri(destination.Address);
            var source = await endpointResolver.GetEndpointsAsync(original.GetLeftPart(UriPartial.Authority), cancellationToken);
            changeTokens.Add(source.ChangeToken);
            foreach (var endpoint in source.Endpoints)
            {
                var address = Resolve(original, endpoint.EndPoint);
                resolved[$"{name}[{address}]"] = destination with { Address = address.ToString() };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }

    // Keeps the configured scheme and path; takes host and port from what discovery found.
    private static Uri Resolve(Uri original, EndPoint endPoint)
    {
        var (scheme, host, port) = endPoint switch
        {
            UriEndPoint uri => (uri.Uri.Scheme, uri.Uri.Host, uri.Uri.Port),
            DnsEndPoint dns => (original.Scheme, dns.Host, dns.Port > 0 ? dns.Port : -1),
            IPEndPoint ip => (original.Scheme, ip.Address.ToString(), ip.Port),
            _ => throw new NotSupportedException($"Service discovery returned an endpoint of unsupported kind {endPoint.GetType().Name}."),
        };
        return new UriBuilder(scheme, host, port, original.AbsolutePath).Uri;
    }
}
