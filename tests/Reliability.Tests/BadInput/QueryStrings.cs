using CsCheck;

namespace Reliability.Tests.BadInput;

/// <summary>
/// One query parameter of an operation: its valid values (null: left out), values its rule certainly refuses, and
/// whether it is required (then leaving it out or sending it empty is bad too).
/// </summary>
internal sealed record QueryParam(string Name, Gen<string?> Valid, Gen<string> Bad, bool Required = false);

/// <summary>A query string (with its leading <c>?</c>, or empty), what is wrong with it and whom to blame.</summary>
internal sealed record Query(string Text, string Defect, IReadOnlySet<string> Blame);

/// <summary>Query strings generated from an operation's parameters: all valid, or one to three of them broken.</summary>
internal static class QueryStrings
{
    public static Gen<string> Valid(params QueryParam[] parameters) =>
        from values in JsonBodies.Sequence(parameters.Select(parameter => parameter.Valid))
        select Write(parameters.Zip(values, (parameter, value) => value is null ? null : $"{parameter.Name}={Uri.EscapeDataString(value)}"));

    public static Gen<Query> Bad(params QueryParam[] parameters) =>
        from broken in Gen.Bool.Array[parameters.Length].Where(mask => mask.Any(isBroken => isBroken))
        from pairs in JsonBodies.Sequence(parameters.Select((parameter, index) => broken[index] ? BrokenPair(parameter) : ValidPair(parameter)))
        select new Query(
            Write(pairs.Select(pair => pair.Text)),
            string.Join(", ", pairs.Select(pair => pair.Defect).OfType<string>()),
            BadRequest.Fields([.. pairs.Select(pair => pair.Blame).OfType<string>()]));

    private static string Write(IEnumerable<string?> pairs) =>
        pairs.OfType<string>().ToArray() is { Length: > 0 } written ? "?" + string.Join("&", written) : "";

    private static Gen<Pair> ValidPair(QueryParam parameter) =>
        parameter.Valid.Select(value => new Pair(value is null ? null : $"{parameter.Name}={Uri.EscapeDataString(value)}", null, null));

    private static Gen<Pair> BrokenPair(QueryParam parameter)
    {
        var badValue = parameter.Bad.Select(value => new Pair($"{parameter.Name}={Uri.EscapeDataString(value)}", $"bad {parameter.Name}", parameter.Name));
        return parameter.Required
            ? Gen.Frequency(
                (4, badValue),
                (1, Gen.Const(new Pair(null, $"no {parameter.Name}", parameter.Name))),
                (1, Gen.Const(new Pair($"{parameter.Name}=", $"empty {parameter.Name}", parameter.Name))))
            : badValue;
    }

    private sealed record Pair(string? Text, string? Defect, string? Blame);
}
