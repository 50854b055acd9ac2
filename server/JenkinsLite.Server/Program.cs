using JenkinsLite.Core;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server;

/// <summary>
/// Starts JenkinsLite like Jenkins' war: <c>--httpPort</c>, <c>--httpListenAddress</c> and the
/// JENKINS_HOME environment variable (default: ~/.jenkinslite, seeded on first start).
/// <c>--usageStatsFlushMillis</c> writes token usage statistics more often than every 5 s.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = ParseArguments(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: JenkinsLite.Server [--httpPort=8080] [--httpListenAddress=127.0.0.1] [--usageStatsFlushMillis=5000] [--adminInitialApiToken=VALUE|@FILE|generate]  (JENKINS_HOME selects the home folder)");
            return 2;
        }

        WebApplication app;
        try
        {
            app = JenkinsLiteApp.Build(options);
        }
        catch (InitialApiTokenException e)
        {
            await Console.Error.WriteLineAsync($"JenkinsLite cannot start: {e.Message}");
            return 1;
        }
        catch (HomeDataException e)
        {
            // A data error in the home is the operator's to fix: one line that names the file, no stack trace.
            await Console.Error.WriteLineAsync($"JenkinsLite cannot start: {e.Message}");
            return 1;
        }

        await Console.Out.WriteLineAsync($"JenkinsLite home: {options.HomePath}");
        if (JenkinsLiteApp.CreateInitialAdmin(app) is { } password)
        {
            // Shown once on the console, as Jenkins' setup wizard does; it is also in secrets/initialAdminPassword.
            await Console.Out.WriteLineAsync($"""

                *************************************************************
                Jenkins initial setup: user 'admin' was created with password:

                {password}

                This may also be found at: {Path.Combine(options.HomePath, "secrets", "initialAdminPassword")}
                *************************************************************

                """);
        }

        await app.StartAsync();
        await Console.Out.WriteLineAsync($"JenkinsLite is running at http://{options.ListenAddress}:{options.HttpPort}/");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static ServerOptions? ParseArguments(string[] args)
    {
        var home = Environment.GetEnvironmentVariable("JENKINS_HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".jenkinslite");
        }

        var options = new ServerOptions { HomePath = Path.GetFullPath(home) };
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], i + 1 < args.Length ? args[++i] : null);
            switch (name)
            {
                case "--httpPort" when int.TryParse(value, out var port) && port is >= 0 and <= 65535:
                    options = options with { HttpPort = port };
                    break;
                case "--adminInitialApiToken" when !string.IsNullOrEmpty(value):
                    options = options with { AdminInitialApiToken = value };
                    break;
                case "--httpListenAddress" when System.Net.IPAddress.TryParse(value, out _):
                    options = options with { ListenAddress = value! };
                    break;
                // Decision 6 allows a crash to lose at most 5 s of counts: shorter only.
                case "--usageStatsFlushMillis" when int.TryParse(value, out var millis) && millis is >= 1 and <= 5000:
                    options = options with { StatsFlushInterval = TimeSpan.FromMilliseconds(millis) };
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
