using Accommodation.Dashboard.ConsoleLogs;

namespace Dashboard.Tests;

public sealed class ConsoleLogStoreTests
{
    [Fact]
    public void Keeps_the_newest_lines_per_resource_so_a_chatty_one_cannot_push_out_the_others()
    {
        var store = new ConsoleLogStore(new ConsoleLogLimits { LinesPerResource = 3 });
        store.Add("kafka", "kafka", "broker up");
        for (var line = 1; line <= 5; line++)
        {
            store.Add("room", $"room-{line % 2}", $"line {line}");
        }

        Assert.Equal(["line 3", "line 4", "line 5"], store.Read("room", text: null, after: 0, limit: 10).Select(line => line.Text));
        Assert.Equal(["broker up", "line 3", "line 4", "line 5"], store.Read(resource: null, text: null, after: 0, limit: 10).Select(line => line.Text));
        Assert.Equal(["kafka", "room"], store.Resources());
    }

    [Fact]
    public void Reads_what_came_after_a_line_matching_a_text_newest_within_the_limit()
    {
        var store = new ConsoleLogStore(new ConsoleLogLimits());
        store.Add("room", "room", "info: Started");
        store.Add("room", "room", "fail: Payment DECLINED");
        store.Add("room", "room", "info: declined again");
        store.Add("room", "room", "info: done");

        Assert.Equal(["fail: Payment DECLINED", "info: declined again"], store.Read("room", "declined", after: 0, limit: 10).Select(line => line.Text));
        Assert.Equal(["info: declined again"], store.Read("room", "declined", after: 0, limit: 1).Select(line => line.Text));
        Assert.Equal(["info: done"], store.Read(null, null, after: 3, limit: 10).Select(line => line.Text));
        Assert.Empty(store.Read("payment", null, after: 0, limit: 10));
    }

    [Fact]
    public async Task A_reader_waiting_for_new_lines_wakes_when_one_arrives()
    {
        var store = new ConsoleLogStore(new ConsoleLogLimits());
        store.Add("room", "room", "first");

        var waiting = store.WaitForLinesAfterAsync(store.LastNumber, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        store.Add("room", "room", "second");

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(store.WaitForLinesAfterAsync(after: 0, CancellationToken.None).IsCompleted);
    }
}
