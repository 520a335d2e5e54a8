namespace Accommodation.Dashboard.Telemetry;

/// <summary>Keeps the newest <c>capacity</c> items in arrival order; adding to a full buffer drops the oldest.</summary>
internal sealed class BoundedBuffer<T>(int capacity)
{
    private readonly Queue<T> _items = new();

    public int Count => _items.Count;

    /// <summary>How many items were dropped to stay within the capacity.</summary>
    public long Dropped { get; private set; }

    public IEnumerable<T> Items => _items;

    public void Add(T item)
    {
        if (_items.Count == capacity)
        {
            _items.Dequeue();
            Dropped++;
        }

        _items.Enqueue(item);
    }
}
