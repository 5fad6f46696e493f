using System.Diagnostics;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>
/// The Python the emulator's Python-flavor tests run: the first of <c>/usr/bin/python3</c> and <c>python3</c> that can
/// import scikit-learn, XGBoost, cloudpickle and pandas (Debian's packages; <c>.ci/run</c> installs them). Tests that need
/// it are ignored with that reason when there is none.
/// </summary>
internal static class PythonForTests
{
    public const string Modules = "sklearn, xgboost, cloudpickle, pandas";

    private static readonly Lazy<string?> Found = new(() => new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(CanImport));

    private static readonly Lazy<bool> HasAzureMl = new(() => Found.Value is { } python && CanRun(python,
        $"import sys; sys.path.insert(0, {System.Text.Json.JsonSerializer.Serialize(RepositoryPaths.Combine("test", "conformance", "python"))}); import azure.ai.ml, azure.storage.blob"));

    public static string Require() => Found.Value ?? IgnoreTest();

    /// <summary>
    /// That Python, when it also has Python's official Azure ML client (Debian's <c>python3-azure</c>: azure-ai-ml 1.4.0
    /// and azure-storage-blob; pydash, which Debian lacks, is stood in for by <c>test/conformance/python/pydash</c>).
    /// </summary>
    public static string RequireAzureMl()
    {
        string python = Require();
        if (!HasAzureMl.Value)
        {
            Assert.Ignore("Needs Python's azure-ai-ml and azure-storage-blob (Debian: apt-get install python3-azure; .ci/run installs it).");
        }
        return python;
    }

    private static string IgnoreTest()
    {
        Assert.Ignore("Needs a Python 3 that can import scikit-learn, XGBoost, cloudpickle and pandas " +
            "(Debian: apt-get install python3-sklearn python3-xgboost python3-cloudpickle python3-pandas; .ci/run installs them).");
        return null!;
    }

    private static bool CanImport(string python) => CanRun(python, $"import {Modules}");

    private static bool CanRun(string python, string code)
    {
        try
        {
            using Process? process = Process.Start(new ProcessStartInfo(python, ["-c", code]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null)
            {
                return false;
            }
            process.WaitForExit(60_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
