using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>get-view VIEW</c>: the view's XML on stdout (View/Read).</summary>
internal sealed class GetViewCommand : ICliCommand
{
    public string Name => "get-view";

    public string Summary => "Dumps the view definition XML to stdout.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["VIEW"], 1);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var views = ViewCommandSupport.Store(context);
        var view = ViewCommandSupport.Find(views, arguments.At(0)!);
        context.Require(Permission.ViewRead);
        var xml = views.ReadXml(view.Name) ?? throw CliException.IllegalArgument($"No view named {view.Name} inside view Jenkins");
        await context.Out.WriteAsync(xml, cancellationToken);
        return CliExit.Ok;
    }
}
