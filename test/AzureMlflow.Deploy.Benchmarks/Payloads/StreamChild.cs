using System.Diagnostics;
using System.Globalization;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Benchmarks.Payloads;

/// <summary>
/// Streams a DataFrame payload of at least <c>MiB</c> mebibytes to a stream that only counts bytes, in a process of its
/// own, and prints the process's peak working set. The values come from a small fixed set (a lazy column), so the
/// payload's source takes no memory and the peak is what the runtime and the streaming writer need.
/// </summary>
internal static class StreamChild
{
    public static int Run(int mebibytes) => RunAsync(mebibytes).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(int mebibytes)
    {
        long target = (long)mebibytes * 1024 * 1024;
        const int BytesPerRow = 185; // a little under the ~197 bytes a row of ten full-precision doubles in [-100, 100) takes with its index, so the body exceeds the size asked for
        int rows = (int)Math.Min(int.MaxValue - 1, target / BytesPerRow);
        DataFramePayload payload = Build(rows);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long before = process.WorkingSet64;
        var counter = new CountingStream();
        var stopwatch = Stopwatch.StartNew();
        await payload.WriteToAsync(counter);
        stopwatch.Stop();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stream bytes={counter.Length} seconds={stopwatch.Elapsed.TotalSeconds:F3} peak_working_set={process.PeakWorkingSet64} working_set_before={before} rows={rows}"));
        return 0;
    }

    public static DataFramePayload Build(int rows) =>
        ScoringPayload.FromColumns(PayloadData.ColumnNames(PayloadData.Columns).Select((name, c) => PayloadColumn.Create(name, new LazyColumn(rows, c))).ToArray());

    /// <summary>
    /// Values read from a fixed set of 65,536 pre-boxed full-precision doubles in [-100, 100) by (row, column): the source
    /// neither takes memory in proportion to the body nor allocates per value, so the peak working set is the writer's.
    /// </summary>
    private sealed class LazyColumn(int count, int column) : IReadOnlyList<object?>
    {
        private static readonly object[] Boxes = Enumerable.Range(0, 1 << 16).Select(i =>
        {
            ulong z = (ulong)i + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (object)(((z >> 11) * (1.0 / (1UL << 53)) * 200) - 100);
        }).ToArray();

        public int Count => count;

        public object? this[int index] => Boxes[(int)((((long)index * PayloadData.Columns) + column) & 0xFFFF)];

        public IEnumerator<object?> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>A write-only stream that counts what it is given and keeps nothing.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _length += count;
        return Task.CompletedTask;
    }
}
