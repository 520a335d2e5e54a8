using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Accommodation.Dashboard.Otlp.Protocol;
using Google.Protobuf;

namespace Dashboard.Tests;

/// <summary>What the receiver answers when a body is not an OTLP export it can read: 4xx with a status, nothing kept.</summary>
public sealed class ReceiverBadInputTests
{
    [Theory]
    [InlineData("v1/traces")]
    [InlineData("v1/logs")]
    [InlineData("v1/metrics")]
    public async Task Bytes_that_are_not_protobuf_are_a_400_with_a_status_message_and_change_nothing(string path)
    {
        await using var receiver = await Receiver.StartAsync();
        using var client = receiver.CreateClient();

        using var response = await client.PostAsync(path, Protobuf([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = RpcStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, status.Code);
        Assert.StartsWith("The body is not an OTLP export request", status.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Store.Services());
    }

    [Fact]
    public async Task With_an_api_key_an_export_without_it_or_with_another_is_a_401_and_kept_only_with_it()
    {
        await using var receiver = await Receiver.StartAsync(apiKey: "the-key");
        using var client = receiver.CreateClient();
        var export = new ExportTraceServiceRequest
        {
            ResourceSpans = { new ResourceSpans { ScopeSpans = { new ScopeSpans { Spans = { new Span { TraceId = ByteString.CopyFrom(new byte[16]), SpanId = ByteString.CopyFrom(new byte[8]), Name = "kept" } } } } } },
        }.ToByteArray();

        using var without = await client.PostAsync("v1/traces", Protobuf(export));
        using var wrong = await client.SendAsync(WithKey("not-the-key", export));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (without.StatusCode, wrong.StatusCode));
        Assert.Equal(16, RpcStatus.Parser.ParseFrom(await without.Content.ReadAsByteArrayAsync()).Code);
        Assert.Empty(receiver.Store.Services());

        using var right = await client.SendAsync(WithKey("the-key", export));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.NotEmpty(receiver.Store.Services());
    }

    [Fact]
    public async Task Json_and_unknown_encodings_are_a_415_that_says_what_to_send()
    {
        await using var receiver = await Receiver.StartAsync();
        using var client = receiver.CreateClient();

        using var json = await client.PostAsync("v1/traces", new StringContent("""{"resourceSpans":[]}""", MediaTypeHeaderValue.Parse("application/json")));
        var brotli = Protobuf(new ExportTraceServiceRequest().ToByteArray());
        brotli.Headers.ContentEncoding.Add("br");
        using var compressed = await client.PostAsync("v1/traces", brotli);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType), (json.StatusCode, compressed.StatusCode));
        Assert.Contains("application/x-protobuf", RpcStatus.Parser.ParseFrom(await json.Content.ReadAsByteArrayAsync()).Message, StringComparison.Ordinal);
        Assert.Contains("gzip", RpcStatus.Parser.ParseFrom(await compressed.Content.ReadAsByteArrayAsync()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_compressed_export_is_read_as_the_specification_asks_and_a_broken_one_is_a_400()
    {
        await using var receiver = await Receiver.StartAsync();
        using var client = receiver.CreateClient();
        var request = new ExportLogsServiceRequest
        {
            ResourceLogs =
            {
                new ResourceLogs
                {
                    Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "notification" } } } },
                    ScopeLogs = { new ScopeLogs { LogRecords = { new LogRecord { SeverityNumber = 17, Body = new AnyValue { StringValue = "compressed" } } } } },
                },
            },
        };

        using var gzip = await client.PostAsync("v1/logs", Gzip(request.ToByteArray()));
        var truncated = Gzip(request.ToByteArray());
        var bytes = await truncated.ReadAsByteArrayAsync();
        var broken = Protobuf(bytes[..(bytes.Length / 2)]);
        broken.Headers.ContentEncoding.Add("gzip");
        using var brokenResponse = await client.PostAsync("v1/logs", broken);

        Assert.Equal(HttpStatusCode.OK, gzip.StatusCode);
        Assert.Equal("application/x-protobuf", gzip.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("notification", "Error", "compressed"), receiver.Store.Logs(new(), 10).Select(log => (log.Source.Service, log.Level, log.Message)).Single());
        Assert.Equal(HttpStatusCode.BadRequest, brokenResponse.StatusCode);
    }

    private static ByteArrayContent Protobuf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-protobuf");
        return content;
    }

    private static ByteArrayContent Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        var content = Protobuf(compressed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static HttpRequestMessage WithKey(string key, byte[] body) => new(HttpMethod.Post, "v1/traces")
    {
        Headers = { { "x-otlp-api-key", key } },
        Content = Protobuf(body),
    };
}
