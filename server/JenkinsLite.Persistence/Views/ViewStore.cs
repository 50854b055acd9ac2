using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Views;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Views;

/// <summary>
/// The <c>&lt;views&gt;</c> of the root config.xml. Each edit re-reads the file, changes only that element and
/// writes the whole file atomically, so elements JenkinsLite does not know (plugins, newer Jenkins) survive.
/// </summary>
public sealed class ViewStore : IViewStore
{
    private const string DefaultPrimary = "all";

    private readonly JenkinsHome _home;
    private volatile Snapshot _snapshot;

    public ViewStore(JenkinsHome home)
    {
        _home = home;
        _snapshot = Read();
    }

    public string PrimaryView => _snapshot.Primary;

    public IReadOnlyList<ViewConfig> All() => _snapshot.Views;

    public ViewConfig? Find(string name) => _snapshot.Views.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));

    public byte[]? ReadXml(string name)
    {
        var document = Load();
        if (ElementOf(document, name) is not { } element)
        {
            return Find(name) is { ShowsAll: true } all ? Standalone(DefaultAllView(all.Name)) : null;
        }

        return Standalone(new XElement(element));
    }

    public ViewChange Create(string name, byte[] viewXml, out string? problem)
    {
        if (ItemName.Problem(name) is { } bad)
        {
            problem = bad;
            return ViewChange.InvalidName;
        }

        if (ParseView(viewXml, out problem) is not { } element)
        {
            return ViewChange.InvalidConfig;
        }

        return Add(name, element, out problem);
    }

    public ViewChange CreateEmpty(string name, string className, out string? problem)
    {
        if (ItemName.Problem(name) is { } bad)
        {
            problem = bad;
            return ViewChange.InvalidName;
        }

        var element = className == ViewConfig.ListViewClass
            ? new XElement(className,
                new XElement("name", name),
                new XElement("filterExecutors", "false"),
                new XElement("filterQueue", "false"),
                new XElement("properties", new XAttribute("class", "hudson.model.View$PropertyList")),
                new XElement("jobNames", new XElement("comparator", new XAttribute("class", "hudson.util.CaseInsensitiveComparator"))),
                new XElement("jobFilters"),
                new XElement("columns"),
                new XElement("recurse", "false"))
            : new XElement(className, new XElement("name", name), new XElement("filterExecutors", "false"),
                new XElement("filterQueue", "false"), new XElement("properties", new XAttribute("class", "hudson.model.View$PropertyList")));
        return Add(name, element, out problem);
    }

    public ViewChange Update(string name, byte[] viewXml, out string? problem)
    {
        if (ParseView(viewXml, out problem) is not { } replacement)
        {
            return ViewChange.InvalidConfig;
        }

        lock (_home.ConfigXmlGate)
        {
            var document = Load();
            if (ElementOf(document, name) is not { } element)
            {
                if (Find(name) is not { ShowsAll: true })
                {
                    return ViewChange.NotFound;
                }

                // The implicit "all" view of a config.xml without <views>: store it now.
                return AddLocked(document, name, replacement);
            }

            Prepare(replacement, name);
            element.ReplaceWith(JenkinsXml.Indented(replacement, JenkinsXml.DepthOf(element)));
            Save(document);
            return ViewChange.Done;
        }
    }

    public ViewChange Delete(string name)
    {
        lock (_home.ConfigXmlGate)
        {
            if (Find(name) is null)
            {
                return ViewChange.NotFound;
            }

            if (string.Equals(name, _snapshot.Primary, StringComparison.Ordinal))
            {
                return ViewChange.NotApplicable;
            }

            var document = Load();
            if (ElementOf(document, name) is { } element)
            {
                if (element.PreviousNode is XText { Value: var space } before && string.IsNullOrWhiteSpace(space))
                {
                    before.Remove();
                }

                element.Remove();
                Save(document);
            }

            return ViewChange.Done;
        }
    }

    public ViewChange Configure(string name, ListViewSettings settings)
    {
        lock (_home.ConfigXmlGate)
        {
            var document = Load();
            if (ElementOf(document, name) is not { } element)
            {
                return Find(name) is null ? ViewChange.NotFound : ViewChange.NotApplicable;
            }

            if (element.Name.LocalName == ViewConfig.AllViewClass)
            {
                return ViewChange.NotApplicable;
            }

            // Only the form's elements change; every other element of the view (columns, filters, plugins' data) stays.
            JenkinsXml.SetChild(element, "description", string.IsNullOrEmpty(settings.Description) ? null : settings.Description);
            if (element.Element("jobNames") is not { } jobNames)
            {
                jobNames = new XElement("jobNames", new XElement("comparator", new XAttribute("class", "hudson.util.CaseInsensitiveComparator")));
                JenkinsXml.AppendIndented(element, jobNames);
            }

            ReplaceJobNames(jobNames, settings.JobNames);
            JenkinsXml.SetChild(element, "includeRegex", string.IsNullOrEmpty(settings.IncludeRegex) ? null : settings.IncludeRegex);
            JenkinsXml.SetChild(element, "recurse", settings.Recurse ? "true" : "false");
            Save(document);
            return ViewChange.Done;
        }
    }

    public ViewChange SetJobListed(string name, string jobName, bool listed)
    {
        lock (_home.ConfigXmlGate)
        {
            var document = Load();
            if (ElementOf(document, name) is not { } element)
            {
                return Find(name) is null ? ViewChange.NotFound : ViewChange.NotApplicable;
            }

            if (element.Name.LocalName == ViewConfig.AllViewClass)
            {
                return ViewChange.NotApplicable;
            }

            var jobNames = element.Element("jobNames");
            if (jobNames is null)
            {
                jobNames = new XElement("jobNames", new XElement("comparator", new XAttribute("class", "hudson.util.CaseInsensitiveComparator")));
                JenkinsXml.AppendIndented(element, jobNames);
            }

            var names = jobNames.Elements("string").Select(s => s.Value)
                .Where(n => CaseInsensitiveComparator.Instance.Compare(n, jobName) != 0).ToList();
            if (listed)
            {
                names.Add(jobName);
            }

            ReplaceJobNames(jobNames, names);
            Save(document);
            return ViewChange.Done;
        }
    }

    public void OnLocationChanged(JobItem item, string oldFullName, string newFullName) =>
        EditEntriesOf(oldFullName, rest => newFullName + rest);

    public void OnDeleted(JobItem item) => EditEntriesOf(item.FullName, _ => null);

    public void Reload() => _snapshot = Read();

    // The root's views list items by their names relative to the root: their full names. An entry belongs to
    // the item when it is its full name or lies inside it ("folder/job"), compared without case, as the view's
    // comparator finds jobs (Jenkins' rename compares with case, and so loses a job listed in another case).
    // Every list view changes in one rewrite of config.xml, and none is made when no view lists the item.
    private void EditEntriesOf(string fullName, Func<string, string?> replacement)
    {
        string? Edited(string entry) => RestAfter(entry, fullName) is { } rest ? replacement(rest) : entry;
        bool Changes(IEnumerable<string> names) => names.Any(n => !string.Equals(Edited(n), n, StringComparison.Ordinal));

        lock (_home.ConfigXmlGate)
        {
            if (!_snapshot.Views.Any(v => Changes(v.JobNames)))
            {
                return;
            }

            var document = Load();
            var changed = false;
            var lists = (document.Root!.Element("views")?.Elements() ?? []).Select(v => v.Element("jobNames")).OfType<XElement>();
            foreach (var jobNames in lists.ToList())
            {
                var names = jobNames.Elements("string").Select(s => s.Value).ToList();
                if (Changes(names))
                {
                    ReplaceJobNames(jobNames, names.Select(Edited).OfType<string>());
                    changed = true;
                }
            }

            if (changed)
            {
                Save(document);
            }
        }
    }

    // What follows the item's full name in an entry: "" for the item itself, "/job" inside it; null otherwise.
    private static string? RestAfter(string entry, string fullName) =>
        entry.Length >= fullName.Length
        && CaseInsensitiveComparator.Instance.Compare(entry[..fullName.Length], fullName) == 0
        && (entry.Length == fullName.Length || entry[fullName.Length] == '/')
            ? entry[fullName.Length..]
            : null;

    private ViewChange Add(string name, XElement element, out string? problem)
    {
        problem = null;
        lock (_home.ConfigXmlGate)
        {
            if (Find(name) is not null)
            {
                problem = $"A view already exists with the name \"{name}\"";
                return ViewChange.AlreadyExists;
            }

            return AddLocked(Load(), name, element);
        }
    }

    private ViewChange AddLocked(XDocument document, string name, XElement element)
    {
        var root = document.Root!;
        var views = root.Element("views");
        if (views is null)
        {
            views = new XElement("views");
            JenkinsXml.AppendIndented(root, views);
        }

        // A home that never stored its "all" view gets it now, so the new view does not replace it.
        if (!views.Elements().Any() && Find(_snapshot.Primary) is { ShowsAll: true } all && all.Name != name)
        {
            JenkinsXml.AppendIndented(views, DefaultAllView(all.Name));
        }

        Prepare(element, name);
        JenkinsXml.AppendIndented(views, element);
        Save(document);
        return ViewChange.Done;
    }

    // Jenkins keeps a list view's names in a TreeSet under its CaseInsensitiveComparator: in that order, and
    // one entry for names that differ only in case. The comparator and anything else in <jobNames> stay.
    private static void ReplaceJobNames(XElement jobNames, IEnumerable<string> names)
    {
        var rebuilt = new XElement("jobNames", jobNames.Attributes(), jobNames.Elements().Where(e => e.Name != "string"),
            new SortedSet<string>(names, CaseInsensitiveComparator.Instance).Select(n => new XElement("string", n)));
        jobNames.ReplaceWith(JenkinsXml.Indented(rebuilt, JenkinsXml.DepthOf(jobNames)));
    }

    // Jenkins stores each view with its owner reference first and its name as given by the URL.
    private static void Prepare(XElement element, string name)
    {
        element.Elements("owner").Remove();
        element.AddFirst(new XElement("owner", new XAttribute("class", "hudson"), new XAttribute("reference", "../../..")));
        if (element.Element("name") is { } existing)
        {
            existing.Value = name;
        }
        else
        {
            element.Element("owner")!.AddAfterSelf(new XElement("name", name));
        }
    }

    private static XElement? ParseView(byte[] viewXml, out string? problem)
    {
        try
        {
            var root = JenkinsXml.Parse(viewXml, "config.xml").Root!;
            problem = null;
            return new XElement(root);
        }
        catch (HomeDataException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static byte[] Standalone(XElement element)
    {
        element.Elements("owner").Remove();
        return JenkinsXml.Serialize(new XDocument(JenkinsXml.Indented(element, 0)));
    }

    private static XElement DefaultAllView(string name) =>
        new(ViewConfig.AllViewClass,
            new XElement("owner", new XAttribute("class", "hudson"), new XAttribute("reference", "../../..")),
            new XElement("name", name),
            new XElement("filterExecutors", "false"),
            new XElement("filterQueue", "false"),
            new XElement("properties", new XAttribute("class", "hudson.model.View$PropertyList")));

    private static XElement? ElementOf(XDocument document, string name) =>
        document.Root!.Element("views")?.Elements()
            .FirstOrDefault(v => string.Equals(v.Element("name")?.Value, name, StringComparison.Ordinal));

    private XDocument Load() => JenkinsXml.Load(_home.ConfigXml, _home);

    private void Save(XDocument document)
    {
        AtomicFile.Write(_home.ConfigXml, JenkinsXml.Serialize(document));
        _snapshot = FromDocument(document);
    }

    // A config.xml that does not parse is reported by the security loader; views then show Jenkins' default.
    private Snapshot Read()
    {
        try
        {
            return FromDocument(Load());
        }
        catch (Exception e) when (e is HomeDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            return new Snapshot([AllView(DefaultPrimary)], DefaultPrimary);
        }
    }

    private static Snapshot FromDocument(XDocument document)
    {
        var root = document.Root!;
        var views = (root.Element("views")?.Elements() ?? [])
            .Select(v => new ViewConfig(
                v.Element("name")?.Value ?? string.Empty,
                v.Name.LocalName,
                v.Element("description")?.Value,
                [.. (v.Element("jobNames")?.Elements("string") ?? []).Select(s => s.Value)],
                v.Element("includeRegex")?.Value is { Length: > 0 } regex ? regex : null)
            {
                Recurse = v.Element("recurse")?.Value == "true",
            })
            .Where(v => v.Name.Length > 0)
            .ToList();
        var primary = root.Element("primaryView")?.Value is { Length: > 0 } p ? p : views.FirstOrDefault()?.Name ?? DefaultPrimary;

        // Jenkins always has its "all" view, even when config.xml never stored one.
        if (views.Count == 0)
        {
            views.Add(AllView(primary));
        }

        return new Snapshot(views, primary);
    }

    private static ViewConfig AllView(string name) => new(name, ViewConfig.AllViewClass, null, [], null);

    private sealed record Snapshot(IReadOnlyList<ViewConfig> Views, string Primary);
}
