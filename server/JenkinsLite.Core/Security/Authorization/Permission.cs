namespace JenkinsLite.Core.Security.Authorization;

/// <summary>
/// A Jenkins permission. <see cref="Id"/> is the string Jenkins persists (owner class + "." + name, e.g.
/// <c>hudson.model.Item.Build</c>); <see cref="Group"/>/<see cref="Name"/> is what its UI shows ("Job/Build").
/// Holding a permission that appears in another one's <see cref="ImpliedBy"/> chain grants it too, exactly as
/// in Jenkins core (Overall/Administer sits at the end of every chain).
/// </summary>
public sealed class Permission
{
    private const string HudsonOwner = "hudson.model.Hudson";
    private const string GenericOwner = "hudson.security.Permission";
    private const string ItemOwner = "hudson.model.Item";
    private const string ViewOwner = "hudson.model.View";
    private const string ComputerOwner = "hudson.model.Computer";
    private const string RunOwner = "hudson.model.Run";
    private const string ScmOwner = "hudson.scm.SCM";

    private Permission(string owner, string group, string name, Permission? impliedBy, bool enabled = true)
    {
        Id = owner + "." + name;
        Group = group;
        Name = name;
        ImpliedBy = impliedBy;
        Enabled = enabled;
    }

    public string Id { get; }

    /// <summary>The English group title Jenkins shows: Overall, Job, View, Agent, Run, SCM (N/A for the generic ones).</summary>
    public string Group { get; }

    public string Name { get; }

    /// <summary>The next permission in the chain; holding it grants this one.</summary>
    public Permission? ImpliedBy { get; }

    /// <summary>
    /// False for permissions Jenkins core ships switched off (they need a system property or plugin). A matrix
    /// grant of a disabled permission has no effect; it is still implied by the rest of its chain.
    /// </summary>
    public bool Enabled { get; }

    /// <summary>"Group/Name", the short form matrix-auth and configuration-as-code also accept.</summary>
    public string Title => Group + "/" + Name;

    // Jenkins core's generic permissions: never shown in the matrix but the links of every chain.
    public static Permission Administer { get; } = new(HudsonOwner, "Overall", "Administer", null);
    public static Permission FullControl { get; } = new(GenericOwner, "N/A", "FullControl", Administer);
    public static Permission GenericRead { get; } = new(GenericOwner, "N/A", "GenericRead", Administer);
    public static Permission GenericWrite { get; } = new(GenericOwner, "N/A", "GenericWrite", Administer);
    public static Permission GenericCreate { get; } = new(GenericOwner, "N/A", "GenericCreate", GenericWrite);
    public static Permission GenericUpdate { get; } = new(GenericOwner, "N/A", "GenericUpdate", GenericWrite);
    public static Permission GenericDelete { get; } = new(GenericOwner, "N/A", "GenericDelete", GenericWrite);
    public static Permission GenericConfigure { get; } = new(GenericOwner, "N/A", "GenericConfigure", GenericUpdate);

    public static Permission OverallRead { get; } = new(HudsonOwner, "Overall", "Read", GenericRead);
    public static Permission Manage { get; } = new(HudsonOwner, "Overall", "Manage", Administer);
    public static Permission SystemRead { get; } = new(HudsonOwner, "Overall", "SystemRead", Administer, enabled: false);
    public static Permission RunScripts { get; } = new(HudsonOwner, "Overall", "RunScripts", Administer);

    public static Permission ItemCreate { get; } = new(ItemOwner, "Job", "Create", GenericCreate);
    public static Permission ItemDelete { get; } = new(ItemOwner, "Job", "Delete", GenericDelete);
    public static Permission ItemConfigure { get; } = new(ItemOwner, "Job", "Configure", GenericConfigure);
    public static Permission ItemRead { get; } = new(ItemOwner, "Job", "Read", GenericRead);
    public static Permission ItemDiscover { get; } = new(ItemOwner, "Job", "Discover", ItemRead);
    public static Permission ItemExtendedRead { get; } = new(ItemOwner, "Job", "ExtendedRead", ItemConfigure, enabled: false);
    public static Permission ItemBuild { get; } = new(ItemOwner, "Job", "Build", GenericUpdate);
    public static Permission ItemWorkspace { get; } = new(ItemOwner, "Job", "Workspace", GenericRead);
    public static Permission ItemCancel { get; } = new(ItemOwner, "Job", "Cancel", GenericUpdate);

    public static Permission ViewCreate { get; } = new(ViewOwner, "View", "Create", GenericCreate);
    public static Permission ViewDelete { get; } = new(ViewOwner, "View", "Delete", GenericDelete);
    public static Permission ViewConfigure { get; } = new(ViewOwner, "View", "Configure", GenericConfigure);
    public static Permission ViewRead { get; } = new(ViewOwner, "View", "Read", GenericRead);

    public static Permission ComputerConfigure { get; } = new(ComputerOwner, "Agent", "Configure", GenericConfigure);
    public static Permission ComputerExtendedRead { get; } = new(ComputerOwner, "Agent", "ExtendedRead", ComputerConfigure, enabled: false);
    public static Permission ComputerDelete { get; } = new(ComputerOwner, "Agent", "Delete", GenericDelete);
    public static Permission ComputerCreate { get; } = new(ComputerOwner, "Agent", "Create", GenericCreate);
    public static Permission ComputerDisconnect { get; } = new(ComputerOwner, "Agent", "Disconnect", Administer);
    public static Permission ComputerConnect { get; } = new(ComputerOwner, "Agent", "Connect", ComputerDisconnect);
    public static Permission ComputerBuild { get; } = new(ComputerOwner, "Agent", "Build", GenericWrite);
    public static Permission ComputerProvision { get; } = new(ComputerOwner, "Agent", "Provision", Administer);

    public static Permission RunDelete { get; } = new(RunOwner, "Run", "Delete", GenericDelete);
    public static Permission RunUpdate { get; } = new(RunOwner, "Run", "Update", GenericUpdate);

    public static Permission ScmTag { get; } = new(ScmOwner, "SCM", "Tag", GenericCreate);

    /// <summary>Every permission JenkinsLite knows, in declaration order.</summary>
    public static IReadOnlyList<Permission> All { get; } =
    [
        Administer, FullControl, GenericRead, GenericWrite, GenericCreate, GenericUpdate, GenericDelete, GenericConfigure,
        OverallRead, Manage, SystemRead, RunScripts,
        ItemCreate, ItemDelete, ItemConfigure, ItemRead, ItemDiscover, ItemExtendedRead, ItemBuild, ItemWorkspace, ItemCancel,
        ViewCreate, ViewDelete, ViewConfigure, ViewRead,
        ComputerConfigure, ComputerExtendedRead, ComputerDelete, ComputerCreate, ComputerDisconnect, ComputerConnect,
        ComputerBuild, ComputerProvision,
        RunDelete, RunUpdate,
        ScmTag,
    ];

    private static readonly Dictionary<string, Permission> ById = All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    // Jenkins resolves "Title/Name" through the group title, skipping the generic (N/A) group.
    private static readonly Dictionary<string, Permission> ByTitle = All
        .Where(p => p.Group != "N/A")
        .ToDictionary(p => p.Title, StringComparer.Ordinal);

    /// <summary>
    /// This permission followed by every permission that implies it (Jenkins' <c>impliedBy</c> chain),
    /// ending with <see cref="Administer"/>.
    /// </summary>
    public IEnumerable<Permission> ImplicationChain
    {
        get
        {
            for (var p = this; p is not null; p = p.ImpliedBy)
            {
                yield return p;
            }
        }
    }

    /// <summary>True when holding <paramref name="other"/> grants this permission (including itself).</summary>
    public bool IsImpliedBy(Permission other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var p = this; p is not null; p = p.ImpliedBy)
        {
            if (ReferenceEquals(p, other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The permission with this exact persisted id (case-sensitive, as in Jenkins), or null. Jenkins has no
    /// aliases: <c>Overall/Administer</c> has always been stored as <c>hudson.model.Hudson.Administer</c>.
    /// </summary>
    public static Permission? FromId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.GetValueOrDefault(id);
    }

    /// <summary>
    /// Resolves an id, or failing that the UI form "Group/Name" (e.g. <c>Job/Build</c>), as matrix-auth does
    /// when it reads a grant. Null when neither is known (e.g. a plugin's permission).
    /// </summary>
    public static Permission? Find(string idOrTitle)
    {
        ArgumentNullException.ThrowIfNull(idOrTitle);
        return FromId(idOrTitle) ?? ByTitle.GetValueOrDefault(idOrTitle);
    }

    public override string ToString() => Id;
}
