using System.Text;

namespace Reliability.Tests.BadInput;

/// <summary>
/// One certainly bad HTTP request: which operation it aims at, what is wrong with it, and the fields an answer may
/// blame (it must name at least one of them in <c>errors</c>; none when no single field is at fault, e.g. malformed JSON).
/// </summary>
internal sealed record BadRequest(string Endpoint, HttpMethod Method, string PathAndQuery, string Defect, IReadOnlySet<string> Blame)
{
    public const string Json = "application/json";

    private const int BigBody = 1 << 20;

    /// <summary>The Content-Type header as sent, odd parameters and all; null sends none.</summary>
    public string? ContentType { get; init; }

    public byte[]? Body { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The one status the defect calls for, when HTTP names one (405 for a method the route lacks); null: any 4xx.</summary>
    public int? Status { get; init; }

    public static IReadOnlySet<string> Fields(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, PathAndQuery);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            // As a careful client of a big upload does: the server may refuse it before the body is sent.
            message.Headers.ExpectContinue = Body.Length > BigBody;
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    /// <summary>The request as a reader would type it again: method, path, headers and the start of the body.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {PathAndQuery}  [{Endpoint}: {Defect}]");
        foreach (var (name, value) in Headers)
        {
            text.Append($"\n{name}: {Shorten(value)}");
        }

        if (Body is not null)
        {
            text.Append($"\nContent-Type: {ContentType ?? "(none)"}\n\n{Shorten(Encoding.UTF8.GetString(Body))} ({Body.Length} bytes)");
        }

        return text.ToString();
    }

    public static string Shorten(string text, int length = 300) =>
        Escape(text.Length <= length ? text : $"{text[..length]}…");

    // Control characters printed as escapes, so the report shows what was sent.
    private static string Escape(string text) =>
        string.Concat(text.Select(character => char.IsControl(character) && character != '\n' ? $"\\u{(int)character:x4}" : character.ToString()));
}
