using System.Net;
using System.Text;
using JenkinsLite.Cli.Options;

namespace JenkinsLite.Cli.Login;

/// <summary>
/// The client's one local command: <c>login USER [-name TOKEN_NAME] [-o FILE]</c>. Reads the password from
/// stdin (first line), gets a named API token, and writes <c>USER:TOKEN</c> to FILE, readable by the user
/// only (0600), for later <c>-auth @FILE</c>. The token never appears on a command line.
/// </summary>
public static class LoginCommand
{
    public const string Name = "login";

    public static string DefaultFile(Func<string, string?> environment) =>
        Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".jenkinslite-cli-auth");

    /// <param name="stdinIsTerminal">True when the password is typed: a prompt is shown and nothing is echoed.</param>
    public static async Task<int> RunAsync(ClientOptions options, Stream stdin, bool stdinIsTerminal, TextWriter stdout, TextWriter stderr,
        Func<string, string?> environment, Func<Uri, string, string, IJenkinsApi>? apiFactory, CancellationToken cancellationToken)
    {
        var args = options.Command.Skip(1).ToList();
        string? user = null, file = null, tokenName = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-o" when i + 1 < args.Count:
                    file = args[++i];
                    break;
                case "-name" when i + 1 < args.Count:
                    tokenName = args[++i];
                    break;
                default:
                    if (user is not null || args[i].StartsWith('-'))
                    {
                        await stderr.WriteLineAsync("Usage: login USER [-name TOKEN_NAME] [-o FILE]   (the password is read from stdin)");
                        return 2;
                    }

                    user = args[i];
                    break;
            }
        }

        if (user is null)
        {
            await stderr.WriteLineAsync("Usage: login USER [-name TOKEN_NAME] [-o FILE]   (the password is read from stdin)");
            return 2;
        }

        file ??= DefaultFile(environment);
        tokenName ??= $"jenkinslite-cli on {Environment.MachineName}";
        var password = await ReadPasswordAsync(stdin, stdinIsTerminal, stderr, cancellationToken);
        using var owned = apiFactory is null ? new JenkinsApi(options.Url, user, password, options.NoCertificateCheck) : null;
        var api = apiFactory?.Invoke(options.Url, user, password) ?? owned!;
        var result = await api.GenerateTokenAsync(tokenName, cancellationToken);
        if (result.TokenValue is null)
        {
            await stderr.WriteLineAsync($"ERROR: {result.Problem}");
            return result.Status switch
            {
                HttpStatusCode.Unauthorized => 7,
                HttpStatusCode.Forbidden => 6,
                0 => ClientExit.Failure,
                _ => 1,
            };
        }

        WritePrivate(file, $"{user}:{result.TokenValue}\n");
        await stdout.WriteLineAsync($"Created API token '{tokenName}' for {user}; saved to {file}. Use: -auth @{file}");
        return 0;
    }

    /// <summary>Creates or replaces the file with mode 0600 from the start, so the token is never readable by others.</summary>
    public static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // an existing file keeps its old mode otherwise
        }
    }

    private static async Task<string> ReadPasswordAsync(Stream stdin, bool stdinIsTerminal, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (stdinIsTerminal)
        {
            await stderr.WriteAsync("Password: ");
            var text = new StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace && text.Length > 0)
                {
                    text.Length--;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    text.Append(key.KeyChar);
                }
            }

            await stderr.WriteLineAsync();
            return text.ToString();
        }

        using var reader = new StreamReader(stdin, Encoding.UTF8, leaveOpen: true);
        return (await reader.ReadLineAsync(cancellationToken))?.TrimEnd('\r') ?? string.Empty;
    }
}
