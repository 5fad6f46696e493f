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

    public static string Require() => Found.Value ?? IgnoreTest();

    private static string IgnoreTest()
    {
        Assert.Ignore("Needs a Python 3 that can import scikit-learn, XGBoost, cloudpickle and pandas " +
            "(Debian: apt-get install python3-sklearn python3-xgboost python3-cloudpickle python3-pandas; .ci/run installs them).");
        return null!;
    }

    private static bool CanImport(string python)
    {
        try
        {
            using Process? process = Process.Start(new ProcessStartInfo(python, ["-c", $"import {Modules}"]) { RedirectStandardError = true, RedirectStandardOutput = true });
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
