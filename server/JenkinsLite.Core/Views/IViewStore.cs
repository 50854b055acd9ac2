using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Views;

/// <summary>
/// The views of the root config.xml. Edits rewrite only <c>&lt;views&gt;</c>; every other element of the
/// file, known or not, is kept. Implemented by Persistence.
/// </summary>
/// <remarks>
/// As Jenkins' <c>ListView.Listener</c>, it hears item events: a list view keeps listing an item that is
/// renamed or moved (a folder's items too) under its new name, and stops listing a deleted one.
/// </remarks>
public interface IViewStore : IItemListener
{
    IReadOnlyList<ViewConfig> All();

    /// <summary>The name of the primary view (Jenkins' <c>&lt;primaryView&gt;</c>, "all" by default).</summary>
    string PrimaryView { get; }

    /// <summary>Case-sensitive, as Jenkins looks views up.</summary>
    ViewConfig? Find(string name);

    /// <summary>The view alone as an XML document (Jenkins' GET view/x/config.xml), or null.</summary>
    byte[]? ReadXml(string name);

    /// <summary>Adds a view from its XML (createView with a body); its name is <paramref name="name"/>.</summary>
    ViewChange Create(string name, byte[] viewXml, out string? problem);

    /// <summary>Adds an empty view of a kind (createView from the form, <c>mode=hudson.model.ListView</c>).</summary>
    ViewChange CreateEmpty(string name, string className, out string? problem);

    /// <summary>Replaces a view's XML, keeping its name.</summary>
    ViewChange Update(string name, byte[] viewXml, out string? problem);

    ViewChange Delete(string name);

    /// <summary>Adds or removes a job name of a list view.</summary>
    ViewChange SetJobListed(string name, string jobName, bool listed);

    /// <summary>Applies a list view's Configure form; the view's other elements are kept.</summary>
    ViewChange Configure(string name, ListViewSettings settings);

    /// <summary>Re-reads config.xml (after /reload).</summary>
    void Reload();
}
