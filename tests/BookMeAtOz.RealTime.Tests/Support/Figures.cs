namespace BookMeAtOz.RealTime.Tests.Support;

/// <summary>
/// Measured figures: to the test's output, and appended to <c>$BOOKMEATOZ_TEST_TMP/figures.txt</c>, which
/// scripts/test.sh prints before its closing line (test output is otherwise shown only for failures).
/// </summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    public static void Report(Xunit.Abstractions.ITestOutputHelper output, string figure)
    {
        output.WriteLine(figure);
        if (Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_TMP") is { Length: > 0 } directory && Directory.Exists(directory))
        {
            lock (Gate)
            {
                File.AppendAllText(Path.Combine(directory, "figures.txt"), figure + Environment.NewLine);
            }
        }
    }
}
