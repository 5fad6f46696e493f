namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>
/// The processes a process started, read from Linux's <c>/proc</c>: the tests count them instead of assuming the
/// emulator stopped what it started. A zombie (exited, not yet reaped) counts as gone.
/// </summary>
internal static class ProcessTree
{
    public sealed record Entry(int Pid, int ParentPid, string CommandLine);

    /// <summary>Linux only: <c>/proc</c> is where the tests read processes from.</summary>
    public static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Counts processes through /proc, which only Linux has.");
        }
    }

    /// <summary>Every live process whose ancestry includes <paramref name="root"/> (not the root itself).</summary>
    public static List<Entry> Descendants(int root)
    {
        List<Entry> all = All();
        var found = new List<Entry>();
        var parents = new HashSet<int> { root };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (Entry entry in all.Where(e => parents.Contains(e.ParentPid) && !parents.Contains(e.Pid)))
            {
                found.Add(entry);
                parents.Add(entry.Pid);
                grew = true;
            }
        }
        return found;
    }

    /// <summary>Whether a process is still running (a zombie is not).</summary>
    public static bool IsAlive(int pid) => Read(pid) is not null;

    /// <summary>Sends a POSIX signal (<c>TERM</c>, <c>INT</c>) with <c>kill</c>, as a CI runner or a terminal does.</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start(ChildProcess.StartInfo("kill", "/", "-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {pid} failed: {kill.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>Every live process.</summary>
    public static List<Entry> All() =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n is not null && n.All(char.IsAsciiDigit))
            .Select(n => Read(int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture))).OfType<Entry>()];

    /// <summary>A live process's parent and command line; null when it is gone or a zombie.</summary>
    private static Entry? Read(int pid)
    {
        try
        {
            // stat: "pid (comm) state ppid ...": the name may hold spaces and parentheses, so read after the last ')'.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] is "Z" or "X")
            {
                return null;
            }
            string commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new Entry(pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), commandLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
