using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Accommodation.Dashboard.Otlp.Protocol;
using Accommodation.Dashboard.Telemetry;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Accommodation.Dashboard.Otlp;

/// <summary>
/// OTLP over HTTP, from the OpenTelemetry protocol specification: binary protobuf POSTed to /v1/traces, /v1/logs and
/// /v1/metrics, optionally gzip-compressed; 200 with the export response, or 4xx with a google.rpc.Status body. This is
/// what services send when OTEL_EXPORTER_OTLP_ENDPOINT points here and OTEL_EXPORTER_OTLP_PROTOCOL is http/protobuf.
/// </summary>
public static class OtlpHttpReceiver
{
    public const string ProtobufContentType = "application/x-protobuf";

    /// <summary>The header the exporters send the API key in (OTEL_EXPORTER_OTLP_HEADERS), as Aspire's dashboard names it.</summary>
    public const string ApiKeyHeader = "x-otlp-api-key";

    // google.rpc.Code UNAUTHENTICATED: what the specification pairs with 401.
    private const int Unauthenticated = 16;

    // google.rpc.Code INVALID_ARGUMENT: what the specification pairs with 400 (and we with 415).
    private const int InvalidArgument = 3;

    /// <param name="endpoints">Where the three signals' routes go.</param>
    /// <param name="store">What is received goes here.</param>
    /// <param name="apiKey">When set, an export without it in <see cref="ApiKeyHeader"/> is refused with 401.</param>
    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints, TelemetryStore store, string? apiKey = null)
    {
        endpoints.MapPost("/v1/traces", context => ReceiveAsync(context, apiKey, ExportTraceServiceRequest.Parser,
            request => store.Add(OtlpMapper.Spans(request)), new ExportTraceServiceResponse()));
        endpoints.MapPost("/v1/logs", context => ReceiveAsync(context, apiKey, ExportLogsServiceRequest.Parser,
            request => store.Add(OtlpMapper.Logs(request)), new ExportLogsServiceResponse()));
        endpoints.MapPost("/v1/metrics", context => ReceiveAsync(context, apiKey, ExportMetricsServiceRequest.Parser,
            request => store.Add(OtlpMapper.Points(request)), new ExportMetricsServiceResponse()));
        return endpoints;
    }

    private static async Task ReceiveAsync<TRequest>(
        HttpContext context, string? apiKey, MessageParser<TRequest> parser, Action<TRequest> keep, IMessage response)
        where TRequest : IMessage<TRequest>
    {
        if (apiKey is not null && !CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(context.Request.Headers[ApiKeyHeader].ToString()), Encoding.UTF8.GetBytes(apiKey)))
        {
            await AnswerAsync(context, StatusCodes.Status401Unauthorized,
                new RpcStatus { Code = Unauthenticated, Message = $"Send the AppHost's OTLP API key in the {ApiKeyHeader} header (OTEL_EXPORTER_OTLP_HEADERS)." });
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            await AnswerAsync(context, StatusCodes.Status415UnsupportedMediaType,
                new RpcStatus { Code = InvalidArgument, Message = $"Send OTLP as binary protobuf ({ProtobufContentType}); JSON is not accepted here." });
            return;
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            await AnswerAsync(context, StatusCodes.Status415UnsupportedMediaType,
                new RpcStatus { Code = InvalidArgument, Message = $"Content-Encoding '{encoding}' is not supported; send gzip or nothing." });
            return;
        }

        TRequest request;
        try
        {
            // The parser reads synchronously, which Kestrel forbids on the request body: read it all first.
            using var body = new MemoryStream();
            await using (var source = encoding == "gzip" ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body)
            {
                await source.CopyToAsync(body, context.RequestAborted);
            }

            request = parser.ParseFrom(body.GetBuffer().AsSpan(0, (int)body.Length));
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidDataException)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest,
                new RpcStatus { Code = InvalidArgument, Message = $"The body is not an OTLP export request: {exception.Message}" });
            return;
        }

        keep(request);
        await AnswerAsync(context, StatusCodes.Status200OK, response);
    }

    private static async Task AnswerAsync(HttpContext context, int status, IMessage body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(body.ToByteArray(), context.RequestAborted);
    }
}
