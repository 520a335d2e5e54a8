using System.Globalization;
using System.Text.RegularExpressions;
using AppHost.Tests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// The web app in Debian's Chromium against the running system, through the gateway, signed in through identity as
/// the demo users: a customer's whole journey, a manager's, and a phone-width Korean visit. Screenshots are saved.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class WebAppTests(RunningSystem system, Chromium chromium, ITestOutputHelper testOutput)
    : RunningSystemTests(system, testOutput), IClassFixture<Chromium>
{
    private readonly Chromium _chromium = chromium;

    private string Site => Running.Gateway.BaseAddress!.ToString().TrimEnd('/');

    [Fact]
    public async Task A_customer_signs_in_reserves_pays_sees_it_confirmed_live_and_cancels()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 120_000m);
        var page = await _chromium.NewPageAsync();

        // The room's page, from the list of rooms, as anyone sees it; reserving asks to sign in and comes back.
        await OpenRoomFromListAsync(page, room);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in to reserve" }).ClickAsync();
        await SignInAsync(page, "kim", "Kim-demo-pass-1");
        await Expect(page).ToHaveURLAsync(new Regex($"/rooms/{room}$"));
        await Expect(page).ToHaveTitleAsync(new Regex("Ocean view"));

        // Three nights picked on the calendar: the first night, then the last.
        var firstNight = BookingClient.Today().AddDays(7);
        await page.GetByRole(AriaRole.Button, new() { Name = NightName(firstNight) }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = NightName(firstNight.AddDays(2)) }).ClickAsync();
        await Expect(page.GetByLabel("Check-in")).ToHaveValueAsync(firstNight.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel("Check-out")).ToHaveValueAsync(firstNight.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator(".summary")).ToHaveTextAsync("3 nights, ₩360,000 in total");
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "web-room"));

        var reservation = await ReserveAsync(page, room);
        await Expect(reservation.Locator(".badge")).ToHaveAttributeAsync("data-status", "Held");
        await Expect(reservation.Locator(".badge")).ToHaveTextAsync("Awaiting payment");
        await Expect(page).ToHaveTitleAsync("My reservations · Accommodation");

        // Paid: the status turns to confirmed when roomview's stream brings the event, with no reload.
        await PayAsync(page, reservation);
        await Expect(reservation.Locator(".badge")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Expect(reservation.Locator(".payment")).ToHaveTextAsync("Paid ₩360,000.");
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "web-my-reservations"));

        // Cancelled a week ahead: the stream brings the cancellation and then the refund.
        await reservation.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await reservation.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await Expect(reservation.Locator(".badge")).ToHaveAttributeAsync("data-status", "Cancelled");
        await Expect(reservation.Locator(".payment")).ToContainTextAsync("Refunded");

        // The notices kim received about it.
        var number = await reservation.GetAttributeAsync("data-reservation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Notices" }).ClickAsync();
        await UntilAsync(page, async () =>
        {
            await page.ReloadAsync();
            await Expect(page.Locator("table.notices tr").Filter(new() { HasText = number }).Filter(new() { HasText = "Reservation cancelled" }))
                .ToHaveCountAsync(1, new() { Timeout = 3_000 });
        });
        await Expect(page.Locator("table.notices")).ToContainTextAsync("Reservation confirmed");
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "web-notices"));

        // Signed out of the web app and of identity: a private page asks for the password again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync($"{Site}/reservations");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task While_payment_is_down_the_customer_is_told_to_pay_later_and_pays_when_it_is_back()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 70_000m);
        var page = await _chromium.NewPageAsync();
        await OpenRoomFromListAsync(page, room);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in to reserve" }).ClickAsync();
        await SignInAsync(page, "lee", "Lee-demo-pass-1");
        var firstNight = BookingClient.Today().AddDays(40);
        await page.GetByLabel("Check-in").FillAsync(firstNight.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Check-out").FillAsync(firstNight.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator(".summary")).ToHaveTextAsync("1 night, ₩70,000 in total");
        var reservation = await ReserveAsync(page, room);

        await Resources.CommandAsync("payment", "stop");
        try
        {
            await reservation.GetByRole(AriaRole.Button, new() { Name = "Pay ₩70,000" }).ClickAsync();
            await Expect(reservation.GetByRole(AriaRole.Alert)).ToContainTextAsync("Payment is busy right now. Your reservation stays held: pay again in a moment.");
            await Expect(reservation.Locator(".badge")).ToHaveAttributeAsync("data-status", "Held");
            TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "web-pay-later"));
        }
        finally
        {
            await Resources.CommandAsync("payment", "start");
            await Resources.WaitUntilHealthyAsync("payment");
        }

        await PayAsync(page, reservation);
        await Expect(reservation.Locator(".badge")).ToHaveAttributeAsync("data-status", "Confirmed");
    }

    [Fact]
    public async Task A_manager_registers_a_room_sees_it_booked_on_the_board_and_checks_the_stay_out()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync($"{Site}/manage/rooms");
        await SignInAsync(page, "park", "Park-demo-pass-1");
        await Expect(page).ToHaveTitleAsync("Manage rooms · Accommodation");

        var room = $"W{Random.Shared.Next(100_000, 999_999)}";
        await page.GetByLabel("Room number").FillAsync(room);
        await page.GetByLabel("Type").SelectOptionAsync("Suite");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Garden suite");
        await page.GetByLabel("Price per night (KRW)").FillAsync("250000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Room {room} is registered." })).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-room='{room}']")).ToContainTextAsync("₩250,000");

        // A change of price, in place.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit room {room}" }).ClickAsync();
        await page.Locator("#edit-price").FillAsync("260000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator($"tr[data-room='{room}']")).ToContainTextAsync("₩260,000");

        // A customer books tonight and pays (through the API), and the board shows tonight booked.
        var tonight = BookingClient.Today();
        var booked = await Client.ReserveAsync(room, tonight, tonight.AddDays(1));
        var number = booked.GetProperty("number").GetString()!;
        await Client.PayAsync(number);
        await page.GetByRole(AriaRole.Link, new() { Name = "Occupancy" }).ClickAsync();
        await page.GetByLabel("Find a room").FillAsync(room);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        var row = page.Locator($"table.board tr[data-room='{room}']");
        var tonightCell = row.Locator($"td[data-night='{tonight:yyyy-MM-dd}']");
        await UntilAsync(page, async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            await Expect(tonightCell).ToHaveClassAsync("booked", new() { Timeout = 3_000 });
        });
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "web-occupancy"));

        // The guest leaves: checked out, and the reservation closes when the event reaches it.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Check out room {room}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Room {room} is checked out (reservation {number})." })).ToBeVisibleAsync();
        await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(number), view => view.GetProperty("status").GetString() == "CheckedOut");
    }

    [Fact]
    public async Task On_a_phone_in_Korean_prices_are_won_the_page_fits_and_the_keyboard_reaches_everything()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 98_000m);
        var page = await _chromium.NewPageAsync(390, 844, "ko-KR");

        await page.GotoAsync($"{Site}/reservations");
        await SignInAsync(page, "lee", "Lee-demo-pass-1", inKorean: true);
        await Expect(page).ToHaveTitleAsync("내 예약 · Accommodation");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");

        await UntilAsync(page, async () =>
        {
            await page.GotoAsync($"{Site}/rooms/{room}");
            await Expect(page.Locator(".price .amount")).ToHaveTextAsync("₩98,000", new() { Timeout = 3_000 });
        });
        // Nothing wider than the phone: no sideways scrolling.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        TestOutput.WriteLine(await Chromium.ScreenshotAsync(page, "web-phone-ko"));

        // The keyboard reaches the skip link (back from the page's heading, which takes the focus on each page), and
        // the focus is drawn.
        var skipLink = page.Locator(".skip-link");
        for (var step = 0; step < 20 && !await skipLink.EvaluateAsync<bool>("link => link === document.activeElement"); step++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeInViewportAsync();
        Assert.NotEqual("none", await skipLink.EvaluateAsync<string>("link => getComputedStyle(link).outlineStyle"));

        // English on request, prices still in won; the choice is remembered.
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator(".price .amount")).ToHaveTextAsync("₩98,000");
        await Expect(page.Locator(".price .per")).ToHaveTextAsync("per night");
    }

    [Fact]
    public async Task A_page_that_fails_says_so_in_words_and_a_private_page_asks_to_sign_in()
    {
        var page = await _chromium.NewPageAsync();

        await page.GotoAsync($"{Site}/rooms/NO-SUCH-1");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("It was not found.");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Exception");

        await page.GotoAsync($"{Site}/no/such/page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();

        await page.GotoAsync($"{Site}/notices");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    private async Task OpenRoomFromListAsync(IPage page, string room)
    {
        // roomview learns of the room from its events: reload the list until it is there.
        await UntilAsync(page, async () =>
        {
            await page.GotoAsync($"{Site}/");
            await Expect(page).ToHaveTitleAsync("Rooms · Accommodation");
            await page.Locator(".room-card").Filter(new() { HasText = $"Room {room}" }).GetByRole(AriaRole.Link).ClickAsync(new() { Timeout = 3_000 });
        });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ocean view");
    }

    /// <summary>Reserves the dates on the room's page; reservation learns of a new room from its events, so it may take a moment.</summary>
    private static async Task<ILocator> ReserveAsync(IPage page, string room)
    {
        await UntilAsync(page, async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Reserve", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/reservations"), new() { Timeout = 5_000 });
        });
        return page.Locator(".reservation").Filter(new() { HasText = $"Room {room}" });
    }

    /// <summary>Identity's sign-in page, in the language the web app asked for (its ui_locales).</summary>
    private static async Task SignInAsync(IPage page, string userName, string password, bool inKorean = false)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", inKorean ? "ko" : "en");
        await page.GetByLabel(inKorean ? "아이디" : "User name").FillAsync(userName);
        await page.GetByLabel(inKorean ? "비밀번호" : "Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = inKorean ? "로그인" : "Sign in" }).ClickAsync();
        await Expect(page.Locator(".signed-in-as")).ToHaveTextAsync(userName);
    }

    /// <summary>Pays, and pays again while payment is busy (the page's "pay again in a moment"), as a customer would.</summary>
    private static async Task PayAsync(IPage page, ILocator reservation) => await UntilAsync(page, async () =>
    {
        var confirmed = reservation.Locator(".badge[data-status='Confirmed']");
        if (await confirmed.CountAsync() == 0)
        {
            await reservation.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).ClickAsync(new() { Timeout = 3_000 });
            // Paid ("the confirmation arrives in a moment"), or already confirmed; a busy payment's alert means pay again.
            await Expect(reservation.GetByRole(AriaRole.Status).Or(confirmed).First).ToBeVisibleAsync(new() { Timeout = 5_000 });
        }
    });

    // The calendar's label of a night, as English writes a long date ("Tuesday, December 1, 2026: Free").
    private static string NightName(DateOnly night) =>
        $"{night.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)}: Free";

    /// <summary>Tries <paramref name="attempt"/> until it passes, for at most a minute: the read models catch up meanwhile.</summary>
    private static async Task UntilAsync(IPage page, Func<Task> attempt)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception exception) when (exception is PlaywrightException or TimeoutException && DateTime.UtcNow < until)
            {
                await page.WaitForTimeoutAsync(500);
            }
        }
    }
}
