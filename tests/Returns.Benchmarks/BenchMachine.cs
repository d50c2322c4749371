namespace Returns.Benchmarks;

/// <summary>What every benchmark prints about where it ran, so that figures are read against their machine.</summary>
internal static class BenchMachine
{
#if DEBUG
    public const string BuildConfiguration = "Debug (use -c Release for figures)";
#else
    public const string BuildConfiguration = "Release";
#endif

    /// <summary>The 1, 5 and 15 minute load averages: a busy machine halves the figures.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
