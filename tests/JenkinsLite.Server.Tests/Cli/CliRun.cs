using System.Text;
using JenkinsLite.Cli;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>One run of our client, in-process, with its exit code and the raw bytes it printed.</summary>
internal sealed record CliRun(int Code, byte[] Stdout, byte[] Stderr)
{
    public string Out => Encoding.UTF8.GetString(Stdout);

    public string Err => Encoding.UTF8.GetString(Stderr);

    public static async Task<CliRun> RunAsync(IReadOnlyList<string> args, byte[]? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var code = await CliApp.RunAsync(args, name => environment?.GetValueOrDefault(name), new MemoryStream(stdin ?? []), stdout, stderr,
            stdinIsTerminal: false, limit.Token);
        return new CliRun(code, stdout.ToArray(), stderr.ToArray());
    }

    public override string ToString() => $"exit {Code}\nstdout: {Out}\nstderr: {Err}";
}
