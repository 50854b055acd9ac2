namespace JenkinsLite.Server.Cli;

/// <summary>
/// Jenkins' multi-name commands (delete-job, delete-view, reload-job): with one name, its error ends the
/// command with its own exit code; with several, every name is tried, each failure is a line on stderr,
/// and the command then ends with exit 5.
/// </summary>
internal static class EachName
{
    /// <summary>Runs <paramref name="act"/> for each name; true when none failed.</summary>
    public static async Task<bool> TryAllAsync(CliContext context, IReadOnlyList<string> names, Action<string> act, CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var name in names)
        {
            try
            {
                act(name);
            }
            catch (CliException e) when (names.Count > 1)
            {
                await context.Err.WriteLineAsync($"{name}: {e.Message}", cancellationToken);
                failed = true;
            }
        }

        return !failed;
    }

    public static int Finish(bool allSucceeded) =>
        allSucceeded ? CliExit.Ok : throw CliException.Aborted("Error occured while performing this command, see previous stderr output.");
}
