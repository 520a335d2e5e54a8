using System.Net.Http.Json;
using System.Text;
using Accommodation.Testing;

namespace Accommodation.Payments.Tests.Functional;

[Collection(nameof(PaymentApiCollection))]
public sealed class BadPaymentRequestTests(PaymentApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateReservationClient();

    public static TheoryData<string, string?> BadBodies => new()
    {
        // body, the field the problem names (null: the JSON itself is malformed)
        { """{"customerId":"c","amount":1}""", "reservationNumber" },
        { """{"reservationNumber":"{r}","amount":1}""", "customerId" },
        { """{"reservationNumber":"{r}","customerId":"c"}""", "amount" },
        { """{"reservationNumber":"{r}","customerId":"c","amount":0}""", "amount" },
        { """{"reservationNumber":"{r}","customerId":"c","amount":-1}""", "amount" },
        { """{"reservationNumber":"{r}","customerId":"c","amount":1000000000.01}""", "amount" },
        { """{"reservationNumber":"{r}","customerId":"c","amount":1.005}""", "amount" },
        { """{"reservationNumber":"{r}","customerId":"   ","amount":1}""", "customerId" },
        { """{"reservationNumber":"{r}","customerId":"","amount":1}""", "customerId" },
        { """{"reservationNumber":"{r}","customerId":"c\u0000","amount":1}""", "customerId" },
        { """{"reservationNumber":"{r}","customerId":"{101}","amount":1}""", "customerId" },
        { """{"reservationNumber":"R 1","customerId":"c","amount":1}""", "reservationNumber" },
        { """{"reservationNumber":"","customerId":"c","amount":1}""", "reservationNumber" },
        { """{"reservationNumber":"{r}","customerId":"c","amount":"1"}""", null },
        { """{"reservationNumber":"{r}","customerId":"c","amount":1e400}""", null },
        { """{"reservationNumber":7,"customerId":"c","amount":1}""", null },
        { """{"reservationNumber":"{r}","customerId":"c","amount":1""", null },
        { """["{r}"]""", null },
        { "", null },
        { "null", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_returns_400_problem_and_writes_nothing(string body, string? field)
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var key = PaymentScenarios.KeyFor(reservationNumber);
        var json = body.Replace("{r}", reservationNumber, StringComparison.Ordinal).Replace("{101}", new string('c', 101), StringComparison.Ordinal);

        var response = await _client.SendAsync(PaymentScenarios.PayRequest(key, new StringContent(json, Encoding.UTF8, "application/json")));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        }

        Assert.False(await factory.IdempotencyKeyExistsAsync(key));
        Assert.Equal(0, await factory.PaymentCountAsync(reservationNumber));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("예약-1")]
    [InlineData("256")]
    public async Task A_missing_or_bad_Idempotency_Key_returns_400_problem_and_writes_nothing(string? key)
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        key = key == "256" ? new string('k', 256) : key;

        var response = await _client.SendAsync(PaymentScenarios.PayRequest(
            key, JsonContent.Create(new { reservationNumber, customerId = "c", amount = 1_000m })));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("idempotencyKey", out _), problem.ToString());
        Assert.Equal(0, await factory.PaymentCountAsync(reservationNumber));
    }

    [Fact]
    public async Task A_key_of_255_visible_characters_is_accepted()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();

        var response = await _client.PayAsync(reservationNumber, key: new string('~', 254) + "!");

        Assert.Equal(201, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_request_with_several_bad_fields_names_each_of_them()
    {
        var response = await _client.SendAsync(PaymentScenarios.PayRequest(null, JsonContent.Create(new { reservationNumber = "no spaces", amount = 0 })));

        var errors = (await ProblemAssert.IsProblemAsync(response, 400)).GetProperty("errors");
        Assert.Equal(["amount", "customerId", "idempotencyKey", "reservationNumber"],
            errors.EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
    }
}
