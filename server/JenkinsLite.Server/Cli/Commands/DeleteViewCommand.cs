using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Core.Views;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>delete-view VIEW...</c> (View/Delete); several names: per-name errors, then exit 5.</summary>
internal sealed class DeleteViewCommand : ICliCommand
{
    public string Name => "delete-view";

    public string Summary => "Deletes view(s).";

    public CliSyntax Syntax { get; } = CliSyntax.Repeating(["VIEW"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var views = ViewCommandSupport.Store(context);
        var names = arguments.Positionals.Distinct(StringComparer.Ordinal).ToList();
        var ok = await EachName.TryAllAsync(context, names, name =>
        {
            var view = ViewCommandSupport.Find(views, name);
            context.Require(Permission.ViewDelete);
            if (name == views.PrimaryView)
            {
                throw CliException.IllegalState($"Jenkins does not allow to delete '{name}' view");
            }

            var change = views.Delete(view.Name);
            if (change != ViewChange.Done)
            {
                throw ViewCommandSupport.Problem(change, name, null);
            }
        }, cancellationToken);
        return EachName.Finish(ok);
    }
}
