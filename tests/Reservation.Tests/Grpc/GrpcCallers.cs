using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using ReservationsService = Accommodation.Reservations.Api.Grpc.Reservations;

namespace Accommodation.Reservations.Tests.Grpc;

/// <summary>Calls with an access token, as identity's clients send it: the metadata <c>authorization: Bearer …</c>.</summary>
internal static class GrpcCallers
{
    public static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    /// <summary>A client whose every call carries <paramref name="token"/>.</summary>
    public static ReservationsService.ReservationsClient AsCaller(this GrpcChannel channel, string token) =>
        new(channel.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return metadata;
        }));
}
