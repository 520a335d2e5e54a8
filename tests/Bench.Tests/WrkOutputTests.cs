using Accommodation.Bench.Baselines;

namespace Bench.Tests;

/// <summary>wrk's and pgbench's summaries, as Debian's wrk 4.1.0 and pgbench 15 print them on this machine.</summary>
public sealed class WrkOutputTests
{
    private const string Minimal = """
        Running 3s test @ http://127.0.0.1:5901/
          2 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.12ms  808.57us  10.81ms   85.42%
            Req/Sec    27.06k     8.38k   47.67k    66.67%
          Latency Distribution
             50%    0.93ms
             75%    1.36ms
             90%    1.98ms
             99%    4.29ms
          161609 requests in 3.01s, 25.43MB read
        Requests/sec:  53772.80
        Transfer/sec:      8.46MB
        """;

    private const string WithErrors = """
        Running 2s test @ http://127.0.0.1:5905/
          2 threads and 8 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency   354.47us  550.70us   1.98ms   84.38%
            Req/Sec    45.00     41.23    90.00     75.00%
          Latency Distribution
             50%   78.00us
             75%  485.00us
             90%    1.20ms
             99%    1.20s 
          40 requests in 2.00s, 1.83KB read
          Socket errors: connect 0, read 0, write 0, timeout 8
          Non-2xx or 3xx responses: 16
        Requests/sec:     19.95
        Transfer/sec:      0.91KB
        """;

    [Fact]
    public void A_clean_run_gives_throughput_and_percentiles()
    {
        var result = WrkOutput.Parse(Minimal);

        Assert.Equal(new WrkResult(53772.80, TimeSpan.FromMilliseconds(0.93), TimeSpan.FromMilliseconds(4.29), 161609, 0, 0), result);
    }

    [Fact]
    public void Failures_are_counted_and_every_unit_is_read()
    {
        var result = WrkOutput.Parse(WithErrors);

        Assert.Equal((40L, 16L, 8L), (result.Requests, result.Non2xx, result.SocketErrors));
        Assert.Equal(TimeSpan.FromMicroseconds(78), result.P50);
        Assert.Equal(TimeSpan.FromSeconds(1.2), result.P99);
    }

    [Fact]
    public void Output_without_the_figures_is_refused()
    {
        Assert.Throws<FormatException>(() => WrkOutput.Parse("unable to connect to 127.0.0.1:1 Connection refused"));
    }

    [Fact]
    public void Pgbench_gives_transactions_per_second_without_the_connection_time()
    {
        const string output = """
            number of transactions actually processed: 33227
            latency average = 0.712 ms
            initial connection time = 52.262 ms
            tps = 11232.506150 (without initial connection time)
            """;

        Assert.Equal(11232.506150, PgBench.ParseTransactionsPerSecond(output), precision: 6);
    }
}
