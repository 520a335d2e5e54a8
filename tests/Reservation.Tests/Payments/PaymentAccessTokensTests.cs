using System.Net;
using System.Net.Http.Json;
using Accommodation.Reservations.Infrastructure.Payments;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Accommodation.Reservations.Tests.Payments;

public sealed class PaymentAccessTokensTests
{
    private static readonly Uri TokenEndpoint = new("http://identity.test/connect/token");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly TokenEndpointStub _identity = new();

    [Fact]
    public async Task Asks_with_the_client_credentials_for_payment_pay()
    {
        await Tokens().GetAsync(CancellationToken.None);

        var request = Assert.Single(_identity.Requests);
        Assert.Equal(TokenEndpoint, request.Uri);
        Assert.Equal("grant_type=client_credentials&client_id=reservation&client_secret=s3cret&scope=payment.pay", request.Body);
    }

    [Fact]
    public async Task A_token_is_kept_until_a_minute_before_it_expires()
    {
        var tokens = Tokens();

        var first = await tokens.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(14) - TimeSpan.FromSeconds(1));
        var stillFirst = await tokens.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await tokens.GetAsync(CancellationToken.None);

        Assert.Equal(("token-1", "token-1", "token-2"), (first, stillFirst, second));
        Assert.Equal(2, _identity.Requests.Count);
    }

    [Fact]
    public async Task Callers_at_the_same_time_share_one_request()
    {
        var tokens = Tokens();
        _identity.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = Enumerable.Range(0, 10).Select(_ => tokens.GetAsync(CancellationToken.None)).ToList();
        _identity.Hold.SetResult();

        Assert.All(await Task.WhenAll(waiting), token => Assert.Equal("token-1", token));
        Assert.Single(_identity.Requests);
    }

    [Fact]
    public async Task A_failed_request_is_not_kept_the_next_caller_asks_again()
    {
        var tokens = Tokens();
        _identity.Answer = HttpStatusCode.ServiceUnavailable;

        var refused = await Assert.ThrowsAsync<AccessTokenUnavailableException>(() => tokens.GetAsync(CancellationToken.None));
        _identity.Answer = HttpStatusCode.OK;
        var token = await tokens.GetAsync(CancellationToken.None);

        Assert.Contains("503", refused.Message, StringComparison.Ordinal);
        Assert.Equal("token-1", token);
        Assert.Equal(2, _identity.Requests.Count);
    }

    [Fact]
    public async Task Identity_out_of_reach_is_no_token_not_an_http_failure()
    {
        _identity.Unreachable = true;

        var refused = await Assert.ThrowsAsync<AccessTokenUnavailableException>(() => Tokens().GetAsync(CancellationToken.None));

        Assert.IsType<HttpRequestException>(refused.InnerException);
        Assert.Contains("could not be reached", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_is_forgotten_but_a_newer_one_is_kept()
    {
        var tokens = Tokens();
        var first = await tokens.GetAsync(CancellationToken.None);

        tokens.Forget(first);
        var second = await tokens.GetAsync(CancellationToken.None);
        tokens.Forget(first);
        var stillSecond = await tokens.GetAsync(CancellationToken.None);

        Assert.Equal(("token-1", "token-2", "token-2"), (first, second, stillSecond));
    }

    [Theory]
    [InlineData(null, "s3cret")]
    [InlineData("http://identity.test/connect/token", null)]
    public async Task Without_a_token_endpoint_or_a_secret_nothing_is_asked(string? endpoint, string? secret)
    {
        var tokens = Tokens(new IdentityClientOptions { TokenEndpoint = endpoint is null ? null : new Uri(endpoint), ClientSecret = secret });

        await Assert.ThrowsAsync<AccessTokenUnavailableException>(() => tokens.GetAsync(CancellationToken.None));

        Assert.Empty(_identity.Requests);
    }

    private PaymentAccessTokens Tokens(IdentityClientOptions? options = null) => new(
        new SingleClientFactory(_identity),
        Options.Create(options ?? new IdentityClientOptions { TokenEndpoint = TokenEndpoint, ClientSecret = "s3cret" }),
        _time,
        NullLogger<PaymentAccessTokens>.Instance);

    /// <summary>Identity's token endpoint: tokens token-1, token-2, … valid for 15 minutes, or the failure a test sets.</summary>
    private sealed class TokenEndpointStub : HttpMessageHandler
    {
        private int _issued;

        public List<(Uri? Uri, string Body)> Requests { get; } = [];

        public TaskCompletionSource? Hold { get; set; }

        public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

        public bool Unreachable { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add((request.RequestUri, body));
            }

            if (Hold is not null)
            {
                await Hold.Task;
            }

            if (Unreachable)
            {
                throw new HttpRequestException("Connection refused (identity.test:80)");
            }

            if (Answer != HttpStatusCode.OK)
            {
                return new HttpResponseMessage(Answer);
            }

            var token = $"token-{Interlocked.Increment(ref _issued)}";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { access_token = token, token_type = "Bearer", expires_in = 900 }) };
        }
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
