using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;

namespace Reliability.Tests.BadInput;

/// <summary>
/// One field of an operation's JSON body: its valid values, values its rule certainly refuses, and whether it is
/// required (then leaving it out, sending null or misspelling its name is bad too). <see cref="Valid"/> may give null
/// for an optional field that is best left out.
/// </summary>
internal sealed record JsonField(string Name, Gen<string?> Valid, Gen<string> Bad, bool Required = true);

/// <summary>A generated request body: its bytes, the Content-Type it goes with, what is wrong with it and whom to blame.</summary>
internal sealed record Body(byte[] Bytes, string? ContentType, string Defect, IReadOnlySet<string> Blame)
{
    /// <summary>The one status the defect calls for, if any (see <see cref="BadRequest.Status"/>).</summary>
    public int? Status { get; init; }

    public static Body Of(string json, string defect, IReadOnlySet<string> blame, string? contentType = BadRequest.Json) =>
        new(Encoding.UTF8.GetBytes(json), contentType, defect, blame);
}

/// <summary>Bad JSON bodies generated from an operation's fields: broken fields, broken JSON, wrong media types.</summary>
internal static class JsonBodies
{
    // A body over the gateway's limit (Gateway:MaxRequestBodySize, 1 MiB), built once.
    private static readonly byte[] OverLimit = Encoding.ASCII.GetBytes($"{{\"name\":\"{new string('x', 2 * 1024 * 1024)}\"}}");

    private static readonly string[] NotJsonMediaTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "text/html"];

    private static readonly string[] OddCharsets = ["utf-16", "utf-32", "klingon", "", "\"utf-8", "iso-8859-1; charset=utf-7"];

    /// <summary>Every kind of bad body for an operation whose valid bodies hold <paramref name="fields"/>.</summary>
    public static Gen<Body> Bad(IReadOnlyList<JsonField> fields) => Gen.Frequency(
        (300, BrokenFields(fields)),
        (200, BrokenJson(Valid(fields))),
        (50, from body in BrokenFields(fields)
             from charset in Gen.OneOf(OddCharsets)
                 // Read in another charset, the body is no longer the JSON it was, so no field is to blame.
             select body with { ContentType = $"{BadRequest.Json}; charset={charset}", Defect = $"charset {charset}, {body.Defect}", Blame = NoField }),
        // Rare: each one offers 2 MB to the gateway.
        (3, Gen.Const(new Body(OverLimit, BadRequest.Json, "over 1 MiB", NoField) { Status = StatusCodes.Status413PayloadTooLarge })));

    /// <summary>A well-formed body that breaks one to three fields and keeps the rest valid; now and then with unknown fields too.</summary>
    public static Gen<Body> BrokenFields(IReadOnlyList<JsonField> fields) =>
        from broken in Gen.Frequency(
            (3, Gen.Int[0, fields.Count - 1].Select(index => fields.Select((_, i) => i == index).ToArray())),
            (1, Gen.Bool.Array[fields.Count].Where(mask => mask.Any(isBroken => isBroken))))
        from members in Sequence(fields.Select((field, index) => broken[index] ? BrokenMember(field) : ValidMember(field)))
        from unknown in Gen.Frequency((4, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("\"note\":\"x\"", "\"extra\":{\"a\":[1,2]}", "\"id\":null")))
        select Body.Of(
            "{" + string.Join(",", members.Select(member => member.Json).Append(unknown).OfType<string>()) + "}",
            string.Join(", ", members.Select(member => member.Defect).OfType<string>()),
            BadRequest.Fields([.. members.Select(member => member.Blame).OfType<string>()]));

    /// <summary>JSON that does not parse, or parses to something that is not the object, or does not say it is JSON.</summary>
    public static Gen<Body> BrokenJson(Gen<string> valid) => Gen.OneOf(
        // Every strict prefix of an object is incomplete.
        from json in valid from length in Gen.Int[1, json.Length - 1] select Body.Of(json[..length], "truncated JSON", NoField),
        from json in valid
        from broken in Gen.OneOf<Func<string, string>>(
            text => text.Insert(text.Length - 1, ","),
            text => text + "}",
            text => text + text,
            text => "/* note */" + text,
            text => text.Replace('"', '\''),
            text => text.Replace(":", " = ", StringComparison.Ordinal),
            text => text[..^1] + ",\"price\":NaN}",
            text => text[..^1] + ",\"raw\":\"a\u0001b\"}")
        select Body.Of(broken(json), "malformed JSON", NoField),
        Gen.OneOf("", " ", "null", "[]", "42", "true", "\"text\"", "[{}]").Select(json => Body.Of(json, "empty or not an object", NoField)),
        // Anything that does not start an object is not one.
        Gen.String[Gen.Char[" !#$%&()*+-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz|~"], 1, 200]
            .Where(text => !text.TrimStart().StartsWith('{'))
            .Select(text => Body.Of(text, "not JSON", NoField)),
        // Not even whitespace or a byte order mark before a brace.
        Gen.Byte.Array[1, 300].Where(bytes => bytes[0] is not ((byte)'{' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0xEF))
            .Select(bytes => new Body(bytes, BadRequest.Json, "random bytes", NoField)),
        from depth in Gen.Int[65, 5000]
        from inObject in Gen.Bool
        let nested = new string('[', depth) + new string(']', depth)
        select Body.Of(inObject ? $"{{\"a\":{nested}}}" : nested, $"nested {depth} deep", NoField),
        from json in valid
        from mediaType in Gen.OneOf(NotJsonMediaTypes).Null(0.15)
        select Body.Of(json, $"content type {mediaType ?? "missing"}", NoField, mediaType) with { Status = StatusCodes.Status415UnsupportedMediaType });

    /// <summary>The fields' valid values as one JSON object.</summary>
    public static Gen<string> Valid(IReadOnlyList<JsonField> fields) =>
        from members in Sequence(fields.Select(ValidMember))
        select "{" + string.Join(",", members.Select(member => member.Json).OfType<string>()) + "}";

    public static readonly IReadOnlySet<string> NoField = BadRequest.Fields();

    /// <summary>One generator after another, their values in order.</summary>
    public static Gen<T[]> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => from values in all from value in next select (T[])[.. values, value]);

    private static Gen<Member> ValidMember(JsonField field) =>
        field.Valid.Select(value => new Member(value is null ? null : $"{Values.Json(field.Name)}:{value}", null, null));

    private static Gen<Member> BrokenMember(JsonField field)
    {
        var badValue = field.Bad.Select(value => new Member($"{Values.Json(field.Name)}:{value}", $"bad {field.Name}", field.Name));
        if (!field.Required)
        {
            return badValue;
        }

        return Gen.Frequency(
            (6, badValue),
            (1, Gen.Const(new Member(null, $"no {field.Name}", field.Name))),
            (1, Gen.Const(new Member($"{Values.Json(field.Name)}:null", $"null {field.Name}", field.Name))),
            // Names are matched ignoring case, so a misspelling must differ by more than case.
            (1, from misspelled in Gen.OneOf($"{field.Name}_", $"_{field.Name}", $"{field.Name}Value", $"{field.Name[..1]}_{field.Name[1..]}")
                from value in field.Valid
                select new Member($"{Values.Json(misspelled)}:{value ?? "1"}", $"misspelled {field.Name}", field.Name)));
    }

    /// <summary>A member as written (null: left out), what is wrong with it and whom to blame.</summary>
    private sealed record Member(string? Json, string? Defect, string? Blame);
}
