using System.Security.Cryptography;
using System.Text;
using Reliability.Tests.Support;
using StackExchange.Redis;

namespace Reliability.Tests.BadInput;

/// <summary>
/// What the services keep, in one value: every table of every database (its row count and an md5 over its rows in
/// order) and Redis (its size and a digest of every key with its value). Equal snapshots: nothing was written between them.
/// No table or column is left out: once settled, nothing here changes by time alone within a run (the relay marks rows
/// sent right after their commit, and holds that would run out are waited out before the run).
/// </summary>
internal sealed class SystemSnapshot
{
    public static readonly IReadOnlyList<string> Databases = ["roomdb", "reservationdb", "paymentdb", "notificationdb"];

    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(2);

    private readonly SortedDictionary<string, string> _parts;

    private SystemSnapshot(SortedDictionary<string, string> parts) => _parts = parts;

    public static async Task<SystemSnapshot> TakeAsync(SystemProbe probe, IConnectionMultiplexer redis)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in Databases)
        {
            var tables = await probe.QueryAsync(database,
                "select table_schema || '.' || table_name as name from information_schema.tables " +
                "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')");
            foreach (var table in tables.Select(row => (string)row["name"]!))
            {
                var digest = await probe.QueryAsync(database,
                    $"select count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '-') as digest from {Quote(table)} t");
                parts[$"{database}.{table}"] = (string)digest.Single()["digest"]!;
            }
        }

        parts["redis"] = await RedisDigestAsync(redis);
        return new SystemSnapshot(parts);
    }

    /// <summary>
    /// Waits until two snapshots <see cref="StableAfter"/> apart are equal: events of earlier tests still draining, the
    /// outbox relay marking rows sent, settle first. Returns the settled snapshot.
    /// </summary>
    public static async Task<SystemSnapshot> WhenStableAsync(Func<Task<SystemSnapshot>> take, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var previous = await take();
        while (true)
        {
            await Task.Delay(StableAfter);
            var next = await take();
            var changed = next.ChangesSince(previous);
            if (changed.Count == 0)
            {
                return next;
            }

            Assert.True(DateTime.UtcNow < until, $"The system did not settle within {timeout.TotalSeconds} s; still changing: {string.Join(", ", changed)}");
            previous = next;
        }
    }

    /// <summary>The tables (and "redis") that differ from <paramref name="earlier"/>, each with both digests.</summary>
    public IReadOnlyList<string> ChangesSince(SystemSnapshot earlier) =>
    [
        .. _parts.Keys.Union(earlier._parts.Keys)
            .Where(part => _parts.GetValueOrDefault(part) != earlier._parts.GetValueOrDefault(part))
            .Select(part => $"{part}: {earlier._parts.GetValueOrDefault(part) ?? "absent"} → {_parts.GetValueOrDefault(part) ?? "absent"}"),
    ];

    public override string ToString() => string.Join(Environment.NewLine, _parts.Select(part => $"{part.Key}: {part.Value}"));

    private static string Quote(string table) => string.Join('.', table.Split('.').Select(name => $"\"{name}\""));

    private static async Task<string> RedisDigestAsync(IConnectionMultiplexer redis)
    {
        var server = redis.GetServers().Single();
        var database = redis.GetDatabase();
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pageSize: 1000))
        {
            keys.Add(key);
        }

        keys.Sort((left, right) => string.CompareOrdinal(left, right));
        var entries = await Task.WhenAll(keys.Select(key => EntryAsync(database, key)));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', entries))));
        return $"{await server.DatabaseSizeAsync()} keys, sha256 {digest}";
    }

    private static async Task<string> EntryAsync(IDatabase database, RedisKey key)
    {
        var type = await database.KeyTypeAsync(key);
        var value = type switch
        {
            RedisType.String => (string?)await database.StringGetAsync(key),
            RedisType.Hash => string.Join(',', (await database.HashGetAllAsync(key)).Select(entry => $"{entry.Name}={entry.Value}").Order(StringComparer.Ordinal)),
            RedisType.SortedSet => string.Join(',', (await database.SortedSetRangeByRankWithScoresAsync(key)).Select(entry => $"{entry.Element}:{entry.Score}")),
            RedisType.Set => string.Join(',', (await database.SetMembersAsync(key)).Select(member => (string?)member).Order(StringComparer.Ordinal)),
            RedisType.List => string.Join(',', await database.ListRangeAsync(key)),
            _ => "",
        };
        return $"{key} {type} {value}";
    }
}
