using System.Diagnostics;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>
/// Node.js packages the tests run, pinned under <c>eng/{name}</c> (package.json and its lock): installed there on
/// first use with <c>npm ci</c>, as the emulator installs Azurite, so the suite needs no manual step. Tests that need
/// one are ignored with the reason when Node.js 18+ and npm are missing or the install fails.
/// </summary>
internal static class NodeForTests
{
    private static readonly Lock Gate = new();

    /// <summary>The <c>node_modules</c> folder of <c>eng/{name}</c>, installed if needed.</summary>
    public static string RequirePackage(string name)
    {
        string project = RepositoryPaths.Combine("eng", name);
        string modules = Path.Combine(project, "node_modules");
        lock (Gate)
        {
            if (Run("node", "-e", "process.exit(Number(process.versions.node.split('.')[0]) >= 18 ? 0 : 1)") != 0)
            {
                Assert.Ignore("Needs Node.js 18 or later on PATH (Debian: apt-get install nodejs npm; .ci/run installs it).");
            }
            if (!Directory.Exists(modules) && Run("npm", "ci", "--prefix", project, "--no-audit", "--no-fund") != 0)
            {
                Assert.Ignore($"'npm ci --prefix eng/{name}' failed; run it to see why (it needs the npm registry).");
            }
        }
        return modules;
    }

    /// <summary>The exit code, or -1 when the program is not there.</summary>
    private static int Run(string program, params string[] arguments)
    {
        try
        {
            using Process process = Process.Start(ChildProcess.StartInfo(program, RepositoryPaths.Root, arguments))!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            process.WaitForExit(TimeSpan.FromMinutes(5));
            _ = Task.WhenAll(output, errors);
            return process.HasExited ? process.ExitCode : -1;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
