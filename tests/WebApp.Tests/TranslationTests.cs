using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Accommodation.WebApp.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Accommodation.WebApp.Tests;

/// <summary>Every English phrase the pages show has its Korean, and the localizer really serves it.</summary>
public sealed partial class TranslationTests
{
    [Fact]
    public void Every_phrase_of_the_pages_has_a_Korean_translation()
    {
        var used = PhrasesOfThePages();
        var translations = KoreanTranslations();

        var missing = used.Where(phrase => !translations.ContainsKey(phrase)).Order(StringComparer.Ordinal).ToList();
        var unused = translations.Keys.Where(phrase => !used.Contains(phrase)).Order(StringComparer.Ordinal).ToList();
        var placeholdersChanged = translations
            .Where(translation => !Placeholders(translation.Key).SetEquals(Placeholders(translation.Value)))
            .Select(translation => $"{translation.Key} => {translation.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(used);
        Assert.True(missing.Count == 0, "Not translated in Text.ko.resx:\n" + string.Join('\n', missing));
        Assert.True(unused.Count == 0, "In Text.ko.resx but no longer used:\n" + string.Join('\n', unused));
        Assert.True(placeholdersChanged.Count == 0, "Placeholders differ from the English:\n" + string.Join('\n', placeholdersChanged));
    }

    [Fact]
    public void The_localizer_serves_Korean_to_Korean_and_the_English_phrase_to_English()
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var localizer = services.GetRequiredService<IStringLocalizer<Text>>();
        var expected = KoreanTranslations()["Rooms"];
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko-KR");
            var korean = localizer["Rooms"];

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            var english = localizer["Rooms"];

            Assert.False(korean.ResourceNotFound);
            Assert.Equal(expected, korean.Value);
            Assert.NotEqual("Rooms", korean.Value);
            Assert.Equal("Rooms", english.Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static HashSet<string> PhrasesOfThePages()
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(WebAppDirectory(), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(WebAppDirectory(), file).Split(Path.DirectorySeparatorChar);
            if (relative[0] is "bin" or "obj" || Path.GetExtension(file) is not (".razor" or ".cs"))
            {
                continue;
            }

            foreach (Match match in LocalizedPhrase().Matches(File.ReadAllText(file)))
            {
                phrases.Add(Unescape(match.Groups["phrase"].Value));
            }
        }

        return phrases;
    }

    private static Dictionary<string, string> KoreanTranslations() =>
        XDocument.Load(Path.Combine(WebAppDirectory(), "Localization", "Text.ko.resx"))
            .Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string?)data.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    private static string WebAppDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Accommodation.sln")))
            {
                return Path.Combine(directory.FullName, "services", "WebApp");
            }
        }

        throw new InvalidOperationException($"No Accommodation.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>A C# regular string literal's escapes, as the compiler reads them.</summary>
    private static string Unescape(string literal)
    {
        var text = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] != '\\' || i + 1 == literal.Length)
            {
                text.Append(literal[i]);
                continue;
            }

            var escaped = literal[++i];
            if (escaped == 'u' && i + 4 < literal.Length)
            {
                text.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            text.Append(escaped switch
            {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                '0' => '\0',
                _ => escaped,
            });
        }

        return text.ToString();
    }

    [GeneratedRegex("""(?<![A-Za-z0-9_])L\["(?<phrase>(?:[^"\\\n]|\\.)*)"]?""")]
    private static partial Regex LocalizedPhrase();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
