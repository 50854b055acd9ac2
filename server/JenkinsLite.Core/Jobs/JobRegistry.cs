using JenkinsLite.Core.Builds;

namespace JenkinsLite.Core.Jobs;

/// <summary>
/// Every item of the home (folders nested), in memory, as Jenkins' item tree: looked up without case,
/// reported with the stored spelling. Changes are serialised; each one writes through the repository
/// first and is visible only once it is on disk. Readers never lock: they see one consistent snapshot.
/// </summary>
/// <param name="history">The builds side, asked lazily (it needs this catalog too) to hold a job's builds while it moves or goes.</param>
/// <param name="listeners">Told of every delete, rename and move; asked lazily for the same reason.</param>
/// <param name="listenerFailed">
/// Told when a listener could not store its side of a change (a full disk, an unreadable config.xml): the
/// change itself is done and stays, and the other listeners are still told, as Jenkins logs a failing
/// ItemListener and goes on. Without it, such a failure reaches the caller.
/// </param>
public sealed class JobRegistry(IJobRepository repository, IJobConfigFormat format, Func<IBuildHistory> history,
    Func<IEnumerable<IItemListener>> listeners, Action<IItemListener, Exception>? listenerFailed = null) : IJobCatalog
{
    // Jenkins gives stopping builds the same time when it deletes an item.
    private static readonly TimeSpan BuildStopTimeout = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private volatile Snapshot _snapshot = Snapshot.Empty;

    /// <summary>Sentences about items that could not be read at the last load.</summary>
    public IReadOnlyList<string> Problems => _snapshot.Problems;

    /// <summary>(Re)reads every item from disk; items held after a copy stay held if they are still there.</summary>
    public void Load()
    {
        var load = repository.LoadAll();
        lock (_gate)
        {
            var old = _snapshot.Items;
            var items = new Dictionary<string, JobItem>(StringComparer.OrdinalIgnoreCase);
            foreach (var loaded in load.Items)
            {
                var held = old.TryGetValue(loaded.FullName, out var before) && before.HeldAfterCopy;
                items[loaded.FullName] = new JobItem(loaded.FullName, loaded.Config, held);
            }

            _snapshot = new Snapshot(items, load.Problems);
        }
    }

    public JobItem? Find(string fullName) =>
        _snapshot.Items.GetValueOrDefault(Normalize(fullName));

    /// <summary>The items directly in a folder ("" for the top level), sorted by name without case, as Jenkins lists them.</summary>
    public IReadOnlyList<JobItem> Children(string parentFullName) => _snapshot.ChildrenOf(Normalize(parentFullName));

    /// <summary>Every item, parents before children.</summary>
    public IReadOnlyList<JobItem> All() =>
        [.. _snapshot.Items.Values.OrderBy(i => i.FullName.Count(c => c == '/')).ThenBy(i => i.FullName, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The stored config.xml, exactly as it was written.</summary>
    public byte[]? ReadConfig(JobItem item) => repository.ReadConfig(item.FullName);

    /// <summary>Jenkins' createItem with an XML body.</summary>
    /// <param name="parentFullName">"" for the top level, else a folder's full name.</param>
    public JobChangeResult Create(string parentFullName, string? name, byte[] configXml)
    {
        if (ItemName.Problem(name) is { } problem)
        {
            return new JobChangeResult(JobChange.InvalidName, problem);
        }

        if (format.Parse(configXml, out var parseProblem) is not { } config)
        {
            return new JobChangeResult(JobChange.InvalidConfig, parseProblem);
        }

        lock (_gate)
        {
            if (CheckTarget(parentFullName, name!, out var fullName) is { } refused)
            {
                return refused;
            }

            if (!repository.Create(fullName, configXml, []))
            {
                return AlreadyExists(name!);
            }

            var item = new JobItem(fullName, config, HeldAfterCopy: false);
            Publish(items => items[fullName] = item);
            return new JobChangeResult(JobChange.Done, Item: item);
        }
    }

    /// <summary>
    /// Jenkins' createItem with mode=copy: the source's config.xml (a folder's with everything in it), no
    /// builds, so numbering restarts at 1; the copy cannot be built until it is saved once.
    /// </summary>
    /// <param name="from">The source: relative to the parent, or absolute when it starts with '/'.</param>
    public JobChangeResult Copy(string parentFullName, string? name, string? from)
    {
        if (ItemName.Problem(name) is { } problem)
        {
            return new JobChangeResult(JobChange.InvalidName, problem);
        }

        lock (_gate)
        {
            var source = ResolveRelative(parentFullName, from);
            if (source is null)
            {
                return new JobChangeResult(JobChange.NoSuchSource, $"No such job: {from}");
            }

            if (CheckTarget(parentFullName, name!, out var fullName) is { } refused)
            {
                return refused;
            }

            if (repository.ReadConfig(source.FullName) is not { } sourceXml)
            {
                return new JobChangeResult(JobChange.NoSuchSource, $"No such job: {from}");
            }

            var descendants = Descendants(source.FullName)
                .Select(d => (Relative: d.FullName[(source.FullName.Length + 1)..], d.Config, Xml: repository.ReadConfig(d.FullName)))
                .Where(d => d.Xml is not null)
                .ToList();
            if (!repository.Create(fullName, sourceXml, [.. descendants.Select(d => (d.Relative, d.Xml!))]))
            {
                return AlreadyExists(name!);
            }

            var item = new JobItem(fullName, source.Config, HeldAfterCopy: true);
            Publish(items =>
            {
                items[fullName] = item;
                foreach (var d in descendants)
                {
                    var childName = fullName + "/" + d.Relative;
                    items[childName] = new JobItem(childName, d.Config, HeldAfterCopy: true);
                }
            });
            return new JobChangeResult(JobChange.Done, Item: item);
        }
    }

    /// <summary>Jenkins' POST config.xml (updateByXml): replaces the file; the root must name the same type. Does not clear a copy's hold.</summary>
    public JobChangeResult UpdateConfig(string fullName, byte[] configXml)
    {
        if (format.Parse(configXml, out var parseProblem) is not { } config)
        {
            return new JobChangeResult(JobChange.InvalidConfig, parseProblem);
        }

        lock (_gate)
        {
            if (Find(fullName) is not { } item)
            {
                return new JobChangeResult(JobChange.NotFound);
            }

            if (!string.Equals(item.Config.ClassName, config.ClassName, StringComparison.Ordinal))
            {
                return new JobChangeResult(JobChange.WrongType, $"Expecting {item.Config.ClassName} but got {config.ClassName} instead");
            }

            repository.WriteConfig(item.FullName, configXml);
            var updated = item with { Config = config };
            Publish(items => items[item.FullName] = updated);
            return new JobChangeResult(JobChange.Done, Item: updated);
        }
    }

    /// <summary>Jenkins' doEnable/doDisable: a no-op when already so; otherwise rewrites &lt;disabled&gt; and saves, which clears a copy's hold.</summary>
    public JobChangeResult SetDisabled(string fullName, bool disabled)
    {
        lock (_gate)
        {
            if (Find(fullName) is not { } item)
            {
                return new JobChangeResult(JobChange.NotFound);
            }

            if (item.Config.Kind == ItemKind.Folder)
            {
                return new JobChangeResult(JobChange.NotApplicable);
            }

            if (item.Config.Disabled == disabled)
            {
                return new JobChangeResult(JobChange.Done, Item: item);
            }

            return Save(item, xml => format.WithDisabled(xml, disabled));
        }
    }

    /// <summary>Jenkins' submitDescription: sets the description and saves (which clears a copy's hold).</summary>
    public JobChangeResult SetDescription(string fullName, string description)
    {
        lock (_gate)
        {
            return Find(fullName) is { } item
                ? Save(item, xml => format.WithDescription(xml, description))
                : new JobChangeResult(JobChange.NotFound);
        }
    }

    /// <summary>Jenkins' configSubmit for a freestyle project: checks the settings, then saves them (which clears a copy's hold).</summary>
    public JobChangeResult Configure(string fullName, FreestyleSettings settings)
    {
        if (settings.Problems().Values.FirstOrDefault() is { } problem)
        {
            return new JobChangeResult(JobChange.InvalidConfig, problem);
        }

        lock (_gate)
        {
            if (Find(fullName) is not { } item)
            {
                return new JobChangeResult(JobChange.NotFound);
            }

            return item.Config.Kind == ItemKind.FreeStyle
                ? Save(item, xml => format.WithSettings(xml, settings))
                : new JobChangeResult(JobChange.NotApplicable);
        }
    }

    /// <summary>
    /// Jenkins' doDelete: the item, its builds and, for a folder, everything in it. As in Jenkins, its running
    /// builds are stopped first and none starts until it is gone, so no build writes into a deleted folder.
    /// </summary>
    public JobChangeResult Delete(string fullName)
    {
        if (Find(fullName) is not { } found)
        {
            return new JobChangeResult(JobChange.NotFound);
        }

        using var hold = history().HoldBuilds(NamesWithin(found));
        if (!hold.StopRunning(BuildStopTimeout))
        {
            return new JobChangeResult(JobChange.Building,
                $"Unable to delete {found.FullName}: its running builds did not stop within {BuildStopTimeout.TotalSeconds:0} seconds.");
        }

        List<JobItem>? gone = null;
        var idle = hold.RunIfIdle(() =>
        {
            lock (_gate)
            {
                if (Find(fullName) is not { } item)
                {
                    return;
                }

                gone = [item, .. Descendants(item.FullName)];
                repository.Delete(item.FullName);
                Publish(items => gone.ForEach(g => items.Remove(g.FullName)));
            }
        });

        if (!idle)
        {
            return new JobChangeResult(JobChange.Building, $"Unable to delete {found.FullName} while it is building.");
        }

        if (gone is null)
        {
            return new JobChangeResult(JobChange.NotFound);
        }

        foreach (var g in gone)
        {
            Notify(listener => listener.OnDeleted(g));
        }

        return new JobChangeResult(JobChange.Done, Item: gone[0]);
    }

    /// <summary>
    /// Jenkins' doRename: refused while anything in it builds; the builds move with it. No build of it starts
    /// until its queue items have moved too.
    /// </summary>
    public JobChangeResult Rename(string fullName, string? newName)
    {
        if (ItemName.Problem(newName) is { } problem)
        {
            return new JobChangeResult(JobChange.InvalidName, problem);
        }

        if (Find(fullName) is not { } found)
        {
            return new JobChangeResult(JobChange.NotFound);
        }

        using var hold = history().HoldBuilds(NamesWithin(found));
        JobChangeResult? refused = null;
        List<(string OldFullName, JobItem Item)> moved = [];
        var idle = hold.RunIfIdle(() =>
        {
            lock (_gate)
            {
                refused = MoveLocked(fullName, newName!, moved);
            }
        });

        if (!idle)
        {
            return new JobChangeResult(JobChange.Building, $"Unable to rename {found.FullName} while it is building.");
        }

        if (refused is not null)
        {
            return refused;
        }

        foreach (var (oldName, after) in moved)
        {
            Notify(listener => listener.OnLocationChanged(after, oldName, after.FullName));
        }

        return new JobChangeResult(JobChange.Done, Item: moved[0].Item);
    }

    /// <summary>Resolves Jenkins' relative item paths: "x" in the same folder, "../x", or "/a/x" from the top.</summary>
    public JobItem? ResolveRelative(string parentFullName, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (path.StartsWith('/'))
        {
            return Find(path.Trim('/'));
        }

        var segments = Normalize(parentFullName).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    return null;
                }

                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return Find(string.Join('/', segments)) ?? Find(path.Trim('/'));
    }

    // The rename itself, under the gate: null when done, with every moved item in moved.
    private JobChangeResult? MoveLocked(string fullName, string newName, List<(string OldFullName, JobItem Item)> moved)
    {
        if (Find(fullName) is not { } item)
        {
            return new JobChangeResult(JobChange.NotFound);
        }

        if (string.Equals(item.Name, newName, StringComparison.Ordinal))
        {
            return new JobChangeResult(JobChange.Unchanged, "The new name is the same as the current name.");
        }

        var newFullName = item.Parent.Length == 0 ? newName : item.Parent + "/" + newName;
        if (Find(newFullName) is { } other && !ReferenceEquals(other, item))
        {
            return AlreadyExists(newName);
        }

        repository.Rename(item.FullName, newFullName);
        List<JobItem> affected = [item, .. Descendants(item.FullName)];
        moved.AddRange(affected.Select(a => (a.FullName, a with { FullName = newFullName + a.FullName[item.FullName.Length..] })));
        Publish(items =>
        {
            foreach (var (oldName, after) in moved)
            {
                items.Remove(oldName);
                items[after.FullName] = after;
            }
        });
        return null;
    }

    // The item and everything in it, by name: what a rename or delete holds the builds of.
    private List<string> NamesWithin(JobItem item) => [item.FullName, .. Descendants(item.FullName).Select(d => d.FullName)];

    private JobChangeResult Save(JobItem item, Func<byte[], byte[]> edit)
    {
        if (repository.ReadConfig(item.FullName) is not { } xml)
        {
            return new JobChangeResult(JobChange.NotFound);
        }

        var edited = edit(xml);
        var config = format.Parse(edited, out _) ?? item.Config;
        repository.WriteConfig(item.FullName, edited);
        var saved = item with { Config = config, HeldAfterCopy = false };
        Publish(items => items[item.FullName] = saved);
        return new JobChangeResult(JobChange.Done, Item: saved);
    }

    // The parent must be the top level or a folder; the name must be free in it.
    private JobChangeResult? CheckTarget(string parentFullName, string name, out string fullName)
    {
        var parent = Normalize(parentFullName);
        fullName = name;
        if (parent.Length > 0)
        {
            if (Find(parent) is not { Config.Kind: ItemKind.Folder } folder)
            {
                return new JobChangeResult(JobChange.NotFound, $"No such folder: {parentFullName}");
            }

            fullName = folder.FullName + "/" + name;
        }

        return Find(fullName) is not null ? AlreadyExists(name) : null;
    }

    private List<JobItem> Descendants(string fullName) =>
        _snapshot.Items.Values
            .Where(i => i.FullName.StartsWith(fullName + "/", StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.FullName.Length)
            .ToList();

    // Outside the lock, as Jenkins fires item events after the change: a listener may read the registry.
    private void Notify(Action<IItemListener> tell)
    {
        foreach (var listener in listeners())
        {
            try
            {
                tell(listener);
            }
            catch (Exception e) when (listenerFailed is not null && e is IOException or UnauthorizedAccessException or HomeDataException)
            {
                listenerFailed(listener, e);
            }
        }
    }

    private void Publish(Action<Dictionary<string, JobItem>> change)
    {
        var items = new Dictionary<string, JobItem>(_snapshot.Items, StringComparer.OrdinalIgnoreCase);
        change(items);
        _snapshot = new Snapshot(items, _snapshot.Problems);
    }

    private static JobChangeResult AlreadyExists(string name) =>
        new(JobChange.AlreadyExists, $"A job already exists with the name ‘{name}’");

    private static string Normalize(string fullName) => fullName.Trim('/');

    // Replaced whole on every change, never changed in place: what is derived from it stays true while it lives.
    private sealed class Snapshot(IReadOnlyDictionary<string, JobItem> items, IReadOnlyList<string> problems)
    {
        public static readonly Snapshot Empty = new(new Dictionary<string, JobItem>(StringComparer.OrdinalIgnoreCase), []);

        private Dictionary<string, JobItem[]>? _children;

        public IReadOnlyDictionary<string, JobItem> Items => items;

        public IReadOnlyList<string> Problems => problems;

        // Grouped and sorted once per snapshot, not on every api/json; two threads may both build it, alike.
        public JobItem[] ChildrenOf(string parent)
        {
            var children = _children ??= items.Values
                .GroupBy(i => i.Parent, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(
                    g => g.Key,
                    g => g.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Name, StringComparer.Ordinal).ToArray(),
                    StringComparer.OrdinalIgnoreCase);
            return children.TryGetValue(parent, out var list) ? list : [];
        }
    }
}
