using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;

namespace AzureMlflow.Deploy.Benchmarks.Payloads;

/// <summary>
/// The payload benchmarks: the SDK and its baselines for one workload, as BenchmarkDotNet methods. The job (few
/// iterations, in-process) comes from <see cref="FullRun"/>, so the whole set fits eng/bench.sh's time budget.
/// </summary>
[MemoryDiagnoser]
public abstract class PayloadBenchmarks
{
    private PayloadWorkload _workload = null!;

    private protected abstract PayloadWorkload Create();

    /// <summary>The benchmark's name (BenchmarkDotNet's in-process toolchain runs a type it derives from this one, so not GetType()).</summary>
    internal abstract string Name { get; }

    /// <summary>Per benchmark type: the SDK's body size and whether it carries the same values as STJ's and the floor's (checked once, at full size).</summary>
    internal static readonly ConcurrentDictionary<string, PayloadCheck> Checks = new();

    [GlobalSetup]
    public void Setup()
    {
        _workload = Create();
        Checks.GetOrAdd(Name, _ =>
        {
            ReadOnlyMemory<byte> sdk = _workload.Sdk().ToMemory();
            string? difference = JsonEquivalence.Difference(_workload.Stj(), sdk) is { } vsStj ? "vs STJ: " + vsStj
                : JsonEquivalence.Difference(_workload.FloorOutput(), sdk) is { } vsFloor ? "vs floor: " + vsFloor
                : JsonEquivalence.Difference(_workload.FormatterLoopOutput(), sdk) is { } vsLoop ? "vs Utf8Formatter loop: " + vsLoop : null;
            return new PayloadCheck(sdk.Length, difference);
        });
    }

    [Benchmark(Baseline = true)]
    public BinaryData Sdk() => _workload.Sdk();

    [Benchmark]
    public byte[] StjReflection() => _workload.Stj();

    [Benchmark]
    public string Newtonsoft() => _workload.Newtonsoft();

    [Benchmark]
    public int SdkFormatterFloor() => _workload.Floor();

    [Benchmark]
    public int Utf8FormatterLoop() => _workload.FormatterLoop();

    [Benchmark]
    public int Utf8JsonWriterLoop() => _workload.WriterLoop();
}

/// <summary>The SDK's body size and the first value where it differs from a baseline (null when none does).</summary>
internal sealed record PayloadCheck(long OutputBytes, string? Difference);

public class DataFrame100k : PayloadBenchmarks
{
    internal override string Name => nameof(DataFrame100k);

    private protected override PayloadWorkload Create() => PayloadWorkloads.DataFrame("df100k", 100_000);
}

public class DataFrame1M : PayloadBenchmarks
{
    internal override string Name => nameof(DataFrame1M);

    private protected override PayloadWorkload Create() => PayloadWorkloads.DataFrame("df1m", 1_000_000);
}

public class Tensor10k : PayloadBenchmarks
{
    internal override string Name => nameof(Tensor10k);

    private protected override PayloadWorkload Create() => PayloadWorkloads.Tensor(PayloadWorkloads.TensorImages);
}

public class Records100k : PayloadBenchmarks
{
    internal override string Name => nameof(Records100k);

    private protected override PayloadWorkload Create() => PayloadWorkloads.Records(PayloadWorkloads.RecordCount);
}
