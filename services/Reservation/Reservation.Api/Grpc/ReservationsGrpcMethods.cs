using Accommodation.Reservations.Api.Apis;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Accommodation.Reservations.Api.Grpc;

/// <summary>
/// Gives gRPC the methods of <see cref="ReservationsGrpcService"/>, as the generated <c>Reservations.BindService</c>
/// would, but with request marshallers that refuse bytes which are no message of the method's type with InvalidArgument:
/// the generated ones let the parse error escape, and gRPC answers that with Unknown, as if the server had failed.
/// Each method also carries who may call it (<see cref="ReservationAccess"/>): the authorization middleware refuses the
/// others before the call starts, which the client sees as Unauthenticated (HTTP 401) or PermissionDenied (403).
/// </summary>
internal sealed class ReservationsGrpcMethods : IServiceMethodProvider<ReservationsGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<ReservationsGrpcService> context)
    {
        context.AddUnaryMethod(Unary<ReserveRequest>("Reserve"), Metadata(ReservationAccess.Customer),
            (service, request, call) => service.Reserve(request, call));
        context.AddUnaryMethod(Unary<ReservationNumberRequest>("Pay"), Metadata(ReservationAccess.Customer),
            (service, request, call) => service.Pay(request, call));
        context.AddUnaryMethod(Unary<ReservationNumberRequest>("Cancel"), Metadata(ReservationAccess.CustomerOrManager),
            (service, request, call) => service.Cancel(request, call));
        context.AddUnaryMethod(Unary<ReservationNumberRequest>("CheckOut"), Metadata(ReservationAccess.Manager),
            (service, request, call) => service.CheckOut(request, call));
        context.AddUnaryMethod(Unary<ReservationNumberRequest>("Get"), Metadata(ReservationAccess.CustomerOrManager),
            (service, request, call) => service.Get(request, call));
    }

    // What the generated binding declares (gRPC is POST only), and who may call the method.
    private static List<object> Metadata(IAuthorizeData access) => [new HttpMethodMetadata(["POST"], acceptCorsPreflight: true), access];

    private static Method<TRequest, ReservationReply> Unary<TRequest>(string name) where TRequest : class, IMessage<TRequest>, new() => new(
        MethodType.Unary,
        Reservations.Descriptor.FullName,
        name,
        Marshallers.Create(request => request.ToByteArray(), Parse<TRequest>),
        Marshallers.Create(reply => reply.ToByteArray(), ReservationReply.Parser.ParseFrom));

    private static TRequest Parse<TRequest>(byte[] bytes) where TRequest : IMessage<TRequest>, new()
    {
        try
        {
            return new MessageParser<TRequest>(() => new TRequest()).ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException unreadable)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The request is not a {typeof(TRequest).Name} message: {unreadable.Message}"));
        }
    }
}
