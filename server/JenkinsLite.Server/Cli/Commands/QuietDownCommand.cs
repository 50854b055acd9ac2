using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>
/// Emulates <c>quiet-down [-block] [-timeout MS] [-reason TEXT]</c> and <c>cancel-quiet-down</c> (Overall/Manage):
/// no new build starts until cancelled; with -block the command returns once no build runs (or after
/// the timeout, when one above 0 is given), with exit 0 either way, as Jenkins does.
/// </summary>
internal sealed class QuietDownCommand(bool cancel) : ICliCommand
{
    public string Name => cancel ? "cancel-quiet-down" : "quiet-down";

    public string Summary => cancel
        ? "Cancel the effect of the \"quiet-down\" command."
        : "Quiet down Jenkins, in preparation for a restart. Don’t start any builds.";

    public CliSyntax Syntax { get; } = cancel
        ? CliSyntax.None
        : CliSyntax.Of([], 0,
            CliOption.Flag("-block", "Block until the system really quiets down and no builds are running"),
            CliOption.Value("-timeout", "N", "If non-zero, only block up to the specified number of milliseconds"),
            CliOption.Value("-reason", "VAL", "Reason for quiet down that will be visible to users"));

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var timeout = 0;
        if (arguments.Value("-timeout") is { } text && !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out timeout))
        {
            throw CliException.BadArguments($"\"{text}\" is not a valid value for \"-timeout\"");
        }

        context.Require(Permission.Manage);
        var quietDown = context.Services.GetRequiredService<QuietDown>();
        if (cancel)
        {
            quietDown.Cancel();
            return CliExit.Ok;
        }

        quietDown.Begin(arguments.Value("-reason"));
        if (arguments.Has("-block"))
        {
            await BuildCommandSupport.Queue(context).WaitUntilQuietAsync(timeout > 0 ? TimeSpan.FromMilliseconds(timeout) : null, cancellationToken);
        }

        return CliExit.Ok;
    }
}
