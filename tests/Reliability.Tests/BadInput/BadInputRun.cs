using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Accommodation.Reservations.Api.Grpc;
using Grpc.Core;
using Xunit.Abstractions;

namespace Reliability.Tests.BadInput;

/// <summary>
/// Sends bad requests and checks every answer against the contract: a 4xx RFC 9457 problem whose status is the HTTP
/// status and whose <c>errors</c> name a blamed field (for gRPC: a refusing status, not Internal, Unknown or
/// Unavailable, whose detail names the field). Counts what each operation answered; a broken answer fails the
/// property with the request and the answer, so CsCheck keeps the simplest such request.
/// </summary>
internal sealed class BadInputRun
{
    private const int ViolationsShown = 20;

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private static readonly HashSet<StatusCode> ServerFaults = [StatusCode.OK, StatusCode.Internal, StatusCode.Unknown, StatusCode.Unavailable, StatusCode.DeadlineExceeded];

    private static readonly Method<byte[], byte[]>[] RawMethods =
    [
        .. GrpcOperations.Methods.Select(name => new Method<byte[], byte[]>(
            MethodType.Unary, Reservations.Descriptor.FullName, name,
            Marshallers.Create(bytes => bytes, bytes => bytes), Marshallers.Create(bytes => bytes, bytes => bytes))),
    ];

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Answer>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly Lock _inFlightGate = new();
    private int _sent;
    private int _serverErrors;
    private int _inFlight;
    private int _mostInFlight;

    public int Sent => _sent;

    public int ServerErrors => _serverErrors;

    public async Task SendAsync(HttpClient gateway, BadRequest request)
    {
        using var inFlight = InFlight();
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        using var message = request.ToMessage();
        try
        {
            using var response = await gateway.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            Count(request.Endpoint, status.ToString(CultureInfo.InvariantCulture), request.Defect, serverError: status >= 500);
            if (ProblemViolation(request, status, response.Content.Headers.ContentType, body) is { } violation)
            {
                Fail(request.ToString(), $"{status} {response.Content.Headers.ContentType} {BadRequest.Shorten(body, 500)}", violation);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Count(request.Endpoint, $"no answer ({exception.GetType().Name})", request.Defect, serverError: false);
            Fail(request.ToString(), exception.Message, "no answer");
        }
    }

    public async Task CallAsync(Reservations.ReservationsClient client, CallInvoker invoker, BadCall call)
    {
        using var inFlight = InFlight();
        var options = new CallOptions(deadline: DateTime.UtcNow + AnswerTimeout);
        try
        {
            Task answer = call switch
            {
                { Raw: { } raw } => invoker.AsyncUnaryCall(RawMethods.Single(method => method.Name == call.Method), null, options, raw).ResponseAsync,
                { Message: ReserveRequest reserve } => client.ReserveAsync(reserve, options).ResponseAsync,
                { Message: ReservationNumberRequest number, Method: "Pay" } => client.PayAsync(number, options).ResponseAsync,
                { Message: ReservationNumberRequest number, Method: "Cancel" } => client.CancelAsync(number, options).ResponseAsync,
                { Message: ReservationNumberRequest number, Method: "CheckOut" } => client.CheckOutAsync(number, options).ResponseAsync,
                { Message: ReservationNumberRequest number, Method: "Get" } => client.GetAsync(number, options).ResponseAsync,
                _ => throw new InvalidOperationException($"No way to send {call}."),
            };
            await answer;
        }
        catch (RpcException refused)
        {
            Count(call.Method, refused.StatusCode.ToString(), call.Defect, serverError: ServerFaults.Contains(refused.StatusCode));
            if (StatusViolation(call.Blame, refused.Status) is { } violation)
            {
                Fail(call.ToString(), $"{refused.StatusCode}: {BadRequest.Shorten(refused.Status.Detail, 500)}", violation);
            }

            return;
        }

        Count(call.Method, StatusCode.OK.ToString(), call.Defect, serverError: true);
        Fail(call.ToString(), "OK", "accepted");
    }

    /// <summary>Per operation: how many bad requests, and what came back how often.</summary>
    public void Report(ITestOutputHelper output, string title)
    {
        output.WriteLine($"{title}: {_sent} bad requests in {_elapsed.Elapsed.TotalSeconds:F1} s (at most {_mostInFlight} at once), " +
            $"{_serverErrors} server errors, {_violations.Count} broken answers");
        foreach (var (operation, answers) in _answers.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {operation}: {answers.Values.Sum(answer => answer.Count)}");
            foreach (var (answer, counted) in answers.OrderBy(answer => answer.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"    {answer} ×{counted.Count}, e.g. {counted.Example}");
            }
        }

        foreach (var violation in _violations.Take(ViolationsShown))
        {
            output.WriteLine(violation);
        }
    }

    /// <summary>Why the answer breaks the contract, or null when it is a 4xx problem (of the status the defect calls for) that names a blamed field.</summary>
    private static string? ProblemViolation(BadRequest request, int status, MediaTypeHeaderValue? contentType, string body)
    {
        if (status is < 400 or >= 500)
        {
            return status >= 500 ? "a server error" : "not refused";
        }

        if (request.Status is { } expected && status != expected)
        {
            return $"status {status}, where the defect calls for {expected}";
        }

        if (contentType?.MediaType != "application/problem+json")
        {
            return "not application/problem+json";
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return "a problem that is not JSON";
        }

        if (problem.ValueKind != JsonValueKind.Object || !problem.TryGetProperty("status", out var written)
            || written.ValueKind != JsonValueKind.Number || written.GetInt32() != status)
        {
            return "a problem whose status is not the HTTP status";
        }

        var named = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(error => error.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        return request.Blame.Count == 0 || request.Blame.Overlaps(named) ? null : $"errors name none of {string.Join(", ", request.Blame)}";
    }

    private static string? StatusViolation(IReadOnlySet<string> blame, Status status) =>
        ServerFaults.Contains(status.StatusCode) ? $"status {status.StatusCode}"
        : blame.Count == 0 || blame.Any(field => status.Detail.Contains(field, StringComparison.Ordinal)) ? null
        : $"the detail names none of {string.Join(", ", blame)}";

    private Departure InFlight()
    {
        lock (_inFlightGate)
        {
            _mostInFlight = Math.Max(_mostInFlight, ++_inFlight);
        }

        return new Departure(() =>
        {
            lock (_inFlightGate)
            {
                _inFlight--;
            }
        });
    }

    private void Count(string operation, string answer, string defect, bool serverError)
    {
        Interlocked.Increment(ref _sent);
        if (serverError)
        {
            Interlocked.Increment(ref _serverErrors);
        }

        _answers.GetOrAdd(operation, _ => new ConcurrentDictionary<string, Answer>(StringComparer.Ordinal))
            .AddOrUpdate(answer, _ => new Answer(1, defect), (_, counted) => counted with { Count = counted.Count + 1 });
    }

    /// <summary>How often an operation gave one answer, and the first defect that got it (what a reader checks the answer against).</summary>
    private sealed record Answer(int Count, string Example);

    private void Fail(string request, string answer, string violation)
    {
        var text = $"{violation}\n  request: {request.Replace("\n", "\n    ", StringComparison.Ordinal)}\n  answer: {answer}";
        _violations.Enqueue(text);
        throw new BadAnswerException(text);
    }
}

/// <summary>Runs its action when disposed: one request fewer in flight.</summary>
internal sealed class Departure(Action leave) : IDisposable
{
    public void Dispose() => leave();
}

/// <summary>An answer to bad input that breaks the contract; CsCheck shrinks to the simplest request that gets one.</summary>
internal sealed class BadAnswerException(string message) : Exception(message);
