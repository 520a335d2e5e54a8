using Microsoft.AspNetCore.Components;

namespace Accommodation.WebApp.Components.Shared;

/// <summary>Links that bring the user back to the page they are on: sign-in and the language switch.</summary>
public static class PageLinks
{
    /// <summary>The current page as a local path with its query, without a fragment ("/rooms/101?x=1").</summary>
    public static string LocalPath(this NavigationManager navigation) =>
        "/" + navigation.ToBaseRelativePath(navigation.Uri).Split('#')[0];

    /// <summary>Signs in through identity and comes back to <paramref name="returnPath"/>.</summary>
    public static string SignIn(string returnPath) => $"signin?returnUrl={Uri.EscapeDataString(returnPath)}";
}
