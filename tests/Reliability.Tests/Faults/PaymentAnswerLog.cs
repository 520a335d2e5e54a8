using Reliability.Tests.Support;

namespace Reliability.Tests.Faults;

/// <summary>
/// Counts every answer the gateway gives a payment fault test: all of them, the "pay later" 503s reservation is
/// documented to give while payment cannot answer, and every other 5xx — which must not happen.
/// </summary>
public sealed class PaymentAnswerLog() : DelegatingHandler(new HttpClientHandler())
{
    public const string PayLaterTitle = "Payment unavailable: pay later.";

    private int _answers;
    private int _payLater;
    private int _serverErrors;

    public int Answers => Volatile.Read(ref _answers);

    public int PayLater => Volatile.Read(ref _payLater);

    public int ServerErrors => Volatile.Read(ref _serverErrors);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref _answers);
        if ((int)response.StatusCode >= 500)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var payLater = ServerError.IsTryAgainLater(response) && body.Contains(PayLaterTitle, StringComparison.Ordinal);
            Interlocked.Increment(ref payLater ? ref _payLater : ref _serverErrors);
        }

        return response;
    }
}
