using System.Xml;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>Emulates <c>create-view [NAME]</c> with the view XML on stdin (View/Create); without NAME the XML's &lt;name&gt; is used.</summary>
internal sealed class CreateViewCommand : ICliCommand
{
    public string Name => "create-view";

    public string Summary => "Creates a new view by reading stdin as a XML configuration.";

    public CliSyntax Syntax { get; } = CliSyntax.Of(["NAME"], 0);

    public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
    {
        var views = ViewCommandSupport.Store(context);
        context.Require(Permission.ViewCreate);
        var xml = await context.ReadStdinAsync(ViewCommandSupport.MaxViewBytes, cancellationToken);
        var name = arguments.At(0) ?? NameIn(xml) ?? throw CliException.BadArguments("Argument \"NAME\" is required (the XML names no view)");
        if (views.Find(name) is not null)
        {
            throw CliException.IllegalState($"View '{name}' already exists");
        }

        var change = views.Create(name, xml, out var problem);
        return change == Core.Views.ViewChange.Done ? CliExit.Ok : throw ViewCommandSupport.Problem(change, name, problem);
    }

    private static string? NameIn(byte[] xml)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            reader.MoveToContent();
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.Name == "name")
                {
                    return reader.ReadElementContentAsString().Trim();
                }
            }
        }
        catch (XmlException)
        {
            // the store reports the XML problem itself
        }

        return null;
    }
}
