using System.Diagnostics;
using System.Globalization;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Benchmarks.Payloads;

/// <summary>
/// Streams a DataFrame payload of about <c>MiB</c> mebibytes to a stream that only counts bytes, in a process of its own,
/// and prints the process's peak working set. The values are generated on demand (a lazy column), so the payload's
/// source takes no memory and the peak is what the runtime and the streaming writer need.
/// </summary>
internal static class StreamChild
{
    public static int Run(int mebibytes) => RunAsync(mebibytes).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(int mebibytes)
    {
        long target = (long)mebibytes * 1024 * 1024;
        const int BytesPerRow = 200; // ten full-precision doubles in [-100, 100) with brackets and commas, plus the index
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

    /// <summary>Values computed from (row, column) when read: full-precision doubles in [-100, 100).</summary>
    private sealed class LazyColumn(int count, int column) : IReadOnlyList<object?>
    {
        public int Count => count;

        public object? this[int index]
        {
            get
            {
                ulong z = (ulong)(((long)index * PayloadData.Columns) + column) + 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                return ((z >> 11) * (1.0 / (1UL << 53)) * 200) - 100;
            }
        }

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
