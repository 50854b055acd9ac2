namespace JenkinsLite.Server.Cli;

/// <summary>Jenkins' CLICommand exit codes (cli.md section 6).</summary>
internal static class CliExit
{
    public const int Ok = 0, Unexpected = 1, BadArguments = 2, IllegalArgument = 3, IllegalState = 4,
        Aborted = 5, AccessDenied = 6, BadCredentials = 7;
}
