namespace JenkinsLite.Server.Cli;

/// <summary>One CLI command: its name, one-line summary, arguments, and what it does.</summary>
internal interface ICliCommand
{
    string Name { get; }

    string Summary { get; }

    CliSyntax Syntax { get; }

    /// <summary>False only for commands Jenkins runs without Overall/Read (who-am-i, help).</summary>
    bool RequiresOverallRead => true;

    /// <summary>Writes to the context's stdout/stderr and returns the exit code; known failures throw <see cref="CliException"/>.</summary>
    Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken);
}
