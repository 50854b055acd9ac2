using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Views;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>update-view VIEW</c>: replaces the view's XML with stdin (View/Configure).</summary>
internal sealed class UpdateViewCommand : ICliCommand
{
    public string Name => "update-view";

    public string Summary => "Updates the view definition XML from stdin. The opposite of the get-view command.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["VIEW"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var views = ViewCommandSupport.Store(context);
        var view = ViewCommandSupport.Find(views, arguments.At(0)!);
        context.Require(Permission.ViewConfigure);
        var xml = await context.ReadStdinAsync(ViewCommandSupport.MaxViewBytes, cancellationToken);
        var change = views.Update(view.Name, xml, out var problem);
        return change == ViewChange.Done ? CliExit.Ok : throw ViewCommandSupport.Problem(change, view.Name, problem);
    }
}
