using System.Net.Sockets;
using System.Text;
using JenkinsLite.Cli.Login;
using JenkinsLite.Cli.Options;
using JenkinsLite.Cli.Transport;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli;

/// <summary>
/// One run of the client with its streams and environment passed in, so the tests run it in-process:
/// parse the jar's options, then run the command over the chosen transport (or the local <c>login</c>).
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment,
        Stream stdin, Stream stdout, Stream stderr, bool stdinIsTerminal = false, CancellationToken cancellationToken = default)
    {
        await using var err = new StreamWriter(stderr, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
        ParseResult parsed;
        try
        {
            parsed = ClientOptionsParser.Parse(args, environment, File.ReadAllText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await err.WriteLineAsync($"{e.GetType().FullName}: {e.Message}");
            return ClientExit.Failure;
        }

        if (parsed.Options is not { } options)
        {
            if (parsed.ExitCode == 0)
            {
                await using var output = new StreamWriter(stdout, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                await output.WriteLineAsync(parsed.Message);
                return 0;
            }

            await err.WriteLineAsync(parsed.Message);
            if (parsed.ShowUsage)
            {
                await err.WriteLineAsync(ClientOptionsParser.Usage);
            }

            return parsed.ExitCode;
        }

        foreach (var warning in options.Warnings)
        {
            await err.WriteLineAsync(warning);
        }

        var log = new ClientLog(options.LogLevel, err);
        try
        {
            if (options.Command[0] == LoginCommand.Name)
            {
                await using var output = new StreamWriter(stdout, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
                return await LoginCommand.RunAsync(options, stdin, stdinIsTerminal, output, err, environment, null, cancellationToken);
            }

            var driver = new ProtocolDriver(options.Command, JavaLocale.Current(environment), stdin, stdout, stderr, log);
            return options.Mode == TransportMode.Http
                ? await HttpDuplexTransport.RunAsync(options, driver, log, cancellationToken)
                : await WebSocketTransport.RunAsync(options, driver, err, log, cancellationToken);
        }
        catch (CliTransportException e)
        {
            await err.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or CliProtocolException or SocketException
            or System.Security.Authentication.AuthenticationException)
        {
            await err.WriteLineAsync($"{e.GetType().FullName}: {e.Message}");
            return ClientExit.Failure;
        }
    }
}
