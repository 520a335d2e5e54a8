namespace Accommodation.WebApp.Localization;

/// <summary>
/// The UI's text: <c>IStringLocalizer&lt;Text&gt;</c> looks each English phrase up in Resources/Text.ko.resx. English
/// is the key itself, so the code reads as the page does; a test keeps every phrase translated.
/// </summary>
public sealed class Text;
