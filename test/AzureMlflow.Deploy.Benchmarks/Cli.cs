namespace AzureMlflow.Deploy.Benchmarks;

/// <summary>Dispatches the modes; each mode lives in its own type so a cold-start child loads only what it uses.</summary>
internal static class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        string mode = args.Length == 0 ? "--run" : args[0];
        string? Value(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        switch (mode)
        {
            case "--smoke":
                return await Smoke.RunAsync();
            case "--export-data":
                Payloads.PayloadData.Export(args[1]);
                return 0;
            case "--stream-child":
                return Payloads.StreamChild.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            case "--serve":
                return await Scoring.ServerHost.ServeAsync(args[1]);
            case "--cold-start":
                return args[1] == "raw" ? await ColdStart.RawChild.RunAsync(args[2]) : await ColdStart.SdkChild.RunAsync(args[2]);
            default:
                var filters = new List<string>();
                for (int i = 0; i < args.Length - 1; i++)
                {
                    if (args[i] == "--filter")
                    {
                        filters.AddRange(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries));
                    }
                }
                return await FullRun.RunAsync(Value("--out") ?? Path.Combine("artifacts", "bench"), Value("--python"), filters);
        }
    }
}
