using System.Text;

namespace JenkinsLite.Cli.Options;

/// <summary>
/// The jar's global options (hudson.cli.CLI._main): read left to right until the first word that is not
/// one of them; that word is the command and the rest goes to the server untouched. Credentials: user
/// info in the URL, else <c>-auth</c>, else <c>-bearer</c>, else JENKINS_USER_ID + JENKINS_API_TOKEN.
/// </summary>
public static class ClientOptionsParser
{
    public const int UsageExit = 255;

    public const string Usage = """
        Usage: jenkinslite-cli [-s URL] command [opts...] args...
        Options:
         -s URL              : the server URL (defaults to the JENKINS_URL env var)
         -http               : use a plain CLI protocol over HTTP(S)
         -webSocket          : use a plain CLI protocol over WebSocket (the default)
         -noCertificateCheck : bypass HTTPS certificate check entirely. Use with caution
         -auth [ USER:SECRET | @FILE ] : specify username and either password or API token (or load from them both from a file);
                               for use with -http or -webSocket.
                               Passing credentials by file is recommended.
         -bearer [ TOKEN | @FILE ]     : specify authentication using a bearer token (or load the token from file);
                               mutually exclusive with -auth.
                               Passing credentials by file is recommended.
         -logger FINE        : enable detailed logging from the client
         -version            : print the client version and exit

        The available commands depend on the server. Run the 'help' command to see the list.
        Local command: login USER [-name TOKEN_NAME] [-o FILE]  (password on stdin; writes USER:TOKEN for -auth @FILE)
        """;

    /// <param name="readFile">Reads an @FILE argument (the tests pass a fake).</param>
    public static ParseResult Parse(IReadOnlyList<string> args, Func<string, string?> environment, Func<string, string> readFile)
    {
        string? url = null, auth = null, bearer = null;
        TransportMode? mode = null;
        var noCertificateCheck = false;
        var level = LogLevel.Warning;
        var warnings = new List<string>();
        var i = 0;
        for (; i < args.Count; i++)
        {
            var head = args[i];
            var hasValue = i + 1 < args.Count;
            switch (head)
            {
                case "-version":
                    return ParseResult.Stop(0, $"Version: {ClientVersion}");
                case "-http" or "-webSocket" or "-ssh":
                    var wanted = head switch { "-http" => TransportMode.Http, "-ssh" => TransportMode.Ssh, _ => TransportMode.WebSocket };
                    if (mode is not null)
                    {
                        return ParseResult.Stop(UsageExit, $"{head} clashes with previously defined mode {mode}", showUsage: true);
                    }

                    mode = wanted;
                    continue;
                case "-remoting":
                    return ParseResult.Stop(UsageExit, "-remoting mode is no longer supported", showUsage: true);
                case "-noCertificateCheck":
                    noCertificateCheck = true;
                    continue;
                case "-noKeyAuth" or "-strictHostKey":
                    continue; // SSH-only, accepted and ignored like the jar does outside -ssh
                case "-i" or "-user" when hasValue:
                    i++;
                    continue;
                case "-s" when hasValue:
                    url = args[++i];
                    continue;
                case "-auth" when hasValue:
                    auth = args[++i];
                    continue;
                case "-bearer" when hasValue:
                    bearer = args[++i];
                    continue;
                case "-logger" when hasValue:
                    if (!Enum.TryParse(args[++i], ignoreCase: true, out level) || !Enum.IsDefined(level))
                    {
                        return ParseResult.Stop(UsageExit, $"Bad level name: {args[i]}", showUsage: true);
                    }

                    continue;
            }

            break;
        }

        url ??= Blank(environment("JENKINS_URL")) ?? Blank(environment("HUDSON_URL"));
        if (url is null)
        {
            return ParseResult.Stop(UsageExit, "Neither -s nor the JENKINS_URL env variable is specified.", showUsage: true);
        }

        if (!url.EndsWith('/'))
        {
            url += "/";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return ParseResult.Stop(UsageExit, $"Not an http(s) URL: {url}", showUsage: true);
        }

        if (mode == TransportMode.Ssh)
        {
            return ParseResult.Stop(UsageExit, "-ssh is not supported by this client; use -webSocket (the default) or -http.");
        }

        string? authorization;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            authorization = Basic(Uri.UnescapeDataString(uri.UserInfo));
            uri = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
        }
        else if (auth is not null)
        {
            if (bearer is not null)
            {
                warnings.Add("-auth and -bearer are mutually exclusive; -auth wins");
            }

            if (auth.StartsWith('@'))
            {
                auth = readFile(auth[1..]).Trim();
            }
            else if (auth.Contains(':', StringComparison.Ordinal))
            {
                warnings.Add("WARNING: a secret given with -auth on the command line is visible to other processes; prefer -auth @FILE or JENKINS_USER_ID/JENKINS_API_TOKEN.");
            }

            authorization = Basic(auth);
        }
        else if (bearer is not null)
        {
            authorization = "Bearer " + (bearer.StartsWith('@') ? readFile(bearer[1..]).Trim() : bearer);
        }
        else
        {
            var user = Blank(environment("JENKINS_USER_ID"));
            var token = Blank(environment("JENKINS_API_TOKEN"));
            if ((user is null) != (token is null))
            {
                return ParseResult.Stop(UsageExit, "The JENKINS_USER_ID and JENKINS_API_TOKEN env vars should be both set or left empty.", showUsage: true);
            }

            authorization = user is null ? null : Basic($"{user}:{token}");
        }

        var command = i < args.Count ? args.Skip(i).ToList() : ["help"];
        return ParseResult.Run(new ClientOptions(uri, mode ?? TransportMode.WebSocket, authorization, noCertificateCheck, level, command, warnings));
    }

    public static string ClientVersion =>
        typeof(ClientOptionsParser).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static string Basic(string userAndSecret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndSecret));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
