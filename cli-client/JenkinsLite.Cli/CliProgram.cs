namespace JenkinsLite.Cli;

/// <summary>
/// The jenkins-cli style client: <c>jenkinslite-cli [-s URL] [-http|-webSocket] [-auth USER:TOKEN|@FILE] COMMAND ARGS...</c>,
/// with the jar's options, frames and exit codes, so scripts can switch without a JVM.
/// </summary>
public static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel(); // closing the session interrupts the command on the server, as the jar's Ctrl+C does
        };

        await using var stdin = Console.OpenStandardInput();
        await using var stdout = Console.OpenStandardOutput();
        await using var stderr = Console.OpenStandardError();
        try
        {
            return await CliApp.RunAsync(args, Environment.GetEnvironmentVariable, stdin, stdout, stderr, !Console.IsInputRedirected, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
    }
}
