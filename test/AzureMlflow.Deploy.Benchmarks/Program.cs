using AzureMlflow.Deploy.Benchmarks;

// Modes:
//   --smoke                       every workload once at tiny sizes, outputs checked (CI runs this; no BenchmarkDotNet)
//   --export-data DIR             writes the payload workloads' data for the Python baselines (eng/bench_baselines.py)
//   [--run] --out DIR [--python FILE] [--filter GLOB ...]
//                                 the full benchmark run eng/bench.sh drives; writes DIR/summary.md
//   --stream-child MIB            (internal) streams a MIB payload to a null stream and reports the peak working set
//   --serve INFO                  (internal) hosts the Kestrel echo and the emulator (with Azurite) for the client side
//   --cold-start sdk|raw INFO     (internal) a fresh process's first GET against the emulator
return await Cli.RunAsync(args);
