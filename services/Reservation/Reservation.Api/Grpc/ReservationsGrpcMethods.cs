using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Accommodation.Reservations.Api.Grpc;

/// <summary>
/// Gives gRPC the methods of <see cref="ReservationsGrpcService"/>, as the generated <c>Reservations.BindService</c>
/// would, but with request marshallers that refuse bytes which are no message of the method's type with InvalidArgument:
/// the generated ones let the parse error escape, and gRPC answers that with Unknown, as if the server had failed.
/// </summary>
internal sealed class ReservationsGrpcMethods : IServiceMethodProvider<ReservationsGrpcService>
{
    // What the generated binding declares: gRPC is POST only.
    private static readonly List<object> Post = [new HttpMethodMetadata(["POST"], acceptCorsPreflight: true)];

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<ReservationsGrpcService> context)
    {
        context.AddUnaryMethod(Unary<ReserveRequest>("Reserve"), Post, (service, request, call) => service.Reserve(request, call));
        context.AddUnaryMethod(Unary<ReservationNumberRequest>("Pay"), Post, (service, request, call) => service.Pay(request, call));
        context.AddUnaryMethod(Unary<ReservationNumberRequest>("Cancel"), Post, (service, request, call) => service.Cancel(request, call));
        context.AddUnaryMethod(Unary<ReservationNumberRequest>("CheckOut"), Post, (service, request, call) => service.CheckOut(request, call));
        context.AddUnaryMethod(Unary<ReservationNumberRequest>("Get"), Post, (service, request, call) => service.Get(request, call));
    }

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
