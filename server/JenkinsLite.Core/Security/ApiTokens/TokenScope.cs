using System.Text.RegularExpressions;
using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// What a token may do beyond its owner's own rights being checked (token-governance.md section 1): a named
/// set of permissions and, optionally, the items it may act on. A scope only narrows; <see cref="Full"/> is
/// Jenkins' behaviour and what a token without a stored scope has.
/// </summary>
public sealed class TokenScope
{
    public const string FullName = "full";
    public const string ReadName = "read";
    public const string BuildName = "build";
    public const string CustomName = "custom";

    public static readonly IReadOnlyList<string> Names = [FullName, ReadName, BuildName, CustomName];

    private static readonly Permission[] ReadPermissions =
    [
        Permission.OverallRead, Permission.ItemDiscover, Permission.ItemRead, Permission.ItemExtendedRead,
        Permission.ViewRead, Permission.ComputerExtendedRead, Permission.ItemWorkspace,
    ];

    private static readonly Permission[] BuildPermissions = [.. ReadPermissions, Permission.ItemBuild, Permission.ItemCancel];

    // Nothing works without these, so a custom scope always has them.
    private static readonly Permission[] CustomBase = [Permission.OverallRead, Permission.ItemDiscover, Permission.ItemRead];

    /// <summary>What a custom scope may list (the Security page's tick boxes): the matrix's permissions but those it always has.</summary>
    public static IReadOnlyList<Permission> ListablePermissions { get; } =
        [.. Permission.All.Where(p => p.Group != "N/A" && !CustomBase.Contains(p))];

    /// <summary>The permissions every custom scope has besides those listed.</summary>
    public static IReadOnlyList<Permission> CustomAlwaysGrants => CustomBase;

    private readonly Regex[] _itemPatterns;

    private TokenScope(string name, IReadOnlyList<Permission> listed, IReadOnlyList<string> items)
    {
        Name = name;
        Listed = listed;
        Items = items;
        Granted = name switch
        {
            FullName => [],
            ReadName => ReadPermissions,
            BuildName => BuildPermissions,
            _ => [.. CustomBase.Concat(listed).Distinct()],
        };
        _itemPatterns = [.. items.Select(PatternRegex)];
    }

    public static TokenScope Full { get; } = new(FullName, [], []);

    public string Name { get; }

    /// <summary>The permissions named when the scope was made (custom only); what is stored.</summary>
    public IReadOnlyList<Permission> Listed { get; }

    /// <summary>Item full-name patterns; empty means every item.</summary>
    public IReadOnlyList<string> Items { get; }

    public bool IsFull => Name == FullName && Items.Count == 0;

    public bool LimitsItems => Items.Count > 0;

    /// <summary>The permissions the scope grants (empty for full), with what they imply along Jenkins' chains.</summary>
    public IReadOnlyList<string> ExpandedPermissionIds =>
        Name == FullName
            ? []
            : [.. Permission.All.Where(p => p.Group != "N/A" && Allows(p)).Select(p => p.Id)];

    private IReadOnlyList<Permission> Granted { get; }

    /// <summary>
    /// Makes a scope from what a request or a file names. Unknown scope or permission ids, a custom scope
    /// without permissions, permissions on another scope, and malformed item patterns are refused with a reason.
    /// An item value may hold one pattern a line (a form's text area); no pattern can hold a line break.
    /// </summary>
    public static TokenScope? TryCreate(string? name, IEnumerable<string>? permissionIds, IEnumerable<string>? items, out string? problem)
    {
        problem = null;
        var scopeName = string.IsNullOrWhiteSpace(name) ? FullName : name.Trim();
        if (!Names.Contains(scopeName, StringComparer.Ordinal))
        {
            problem = $"Unknown token scope '{scopeName}'; use one of {string.Join(", ", Names)}.";
            return null;
        }

        var listed = new List<Permission>();
        foreach (var id in (permissionIds ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
        {
            if (Permission.Find(id) is not { } permission)
            {
                problem = $"Unknown permission '{id}'.";
                return null;
            }

            listed.Add(permission);
        }

        if (scopeName == CustomName && listed.Count == 0)
        {
            problem = "A custom token scope needs at least one permission.";
            return null;
        }

        if (scopeName != CustomName && listed.Count > 0)
        {
            problem = $"Permissions can only be listed for the custom scope, not '{scopeName}'.";
            return null;
        }

        var patterns = (items ?? []).SelectMany(p => p.Split('\n')).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (patterns.FirstOrDefault(p => !IsValidPattern(p)) is { } bad)
        {
            problem = $"Invalid item pattern '{bad}'.";
            return null;
        }

        return new TokenScope(scopeName, [.. listed.Distinct()], patterns);
    }

    /// <summary>
    /// Reads a stored scope. A stored scope is never widened by what cannot be understood: an unknown name or
    /// permission leaves only the reads every scope has.
    /// </summary>
    public static TokenScope FromStored(string? name, IEnumerable<string> permissionIds, IEnumerable<string> items)
    {
        var known = permissionIds.Select(Permission.Find).OfType<Permission>().Distinct().ToList();
        var scopeName = Names.Contains(name ?? FullName, StringComparer.Ordinal) ? name ?? FullName : CustomName;
        var patterns = items.Where(IsValidPattern).ToList();
        return new TokenScope(scopeName, known, patterns);
    }

    /// <summary>Whether the scope lets a token use <paramref name="permission"/> (its owner must hold it as well).</summary>
    public bool Allows(Permission permission) =>
        Name == FullName || Granted.Any(permission.IsImpliedBy);

    /// <summary>Whether the item list names this item (true when the scope lists no items).</summary>
    public bool Covers(string itemFullName) =>
        !LimitsItems || _itemPatterns.Any(p => p.IsMatch(itemFullName));

    /// <summary>An item is visible when it is covered, or (a folder) when a covered item lies inside it.</summary>
    public bool Shows(string itemFullName, IEnumerable<string> allItemNames) =>
        Covers(itemFullName)
        || allItemNames.Any(n => n.Length > itemFullName.Length + 1
            && n.StartsWith(itemFullName + "/", StringComparison.OrdinalIgnoreCase) && Covers(n));

    /// <summary>Permissions that act on one item (Job, Run, SCM), which the item list limits.</summary>
    public static bool IsItemPermission(Permission permission) =>
        permission.Id.StartsWith("hudson.model.Item.", StringComparison.Ordinal)
        || permission.Id.StartsWith("hudson.model.Run.", StringComparison.Ordinal)
        || permission.Id.StartsWith("hudson.scm.SCM.", StringComparison.Ordinal);

    /// <summary>Same name, permissions and items: what decides whether a declared token must be replaced.</summary>
    public bool SameAs(TokenScope other) =>
        Name == other.Name
        && Listed.Select(p => p.Id).Order().SequenceEqual(other.Listed.Select(p => p.Id).Order())
        && Items.SequenceEqual(other.Items, StringComparer.Ordinal);

    public override string ToString() => Name;

    /// <summary>
    /// The scope in one line, as the Security page and <c>list-api-tokens</c> show it: the name, a custom scope's
    /// permissions in brackets, and the item patterns after "on" (<c>custom(hudson.model.Item.Build) on team-a/**</c>).
    /// </summary>
    public string Summary =>
        Name
        + (Listed.Count > 0 ? "(" + string.Join(",", Listed.Select(p => p.Id)) + ")" : string.Empty)
        + (LimitsItems ? " on " + string.Join(", ", Items) : string.Empty);

    private static bool IsValidPattern(string pattern) =>
        pattern.Length is > 0 and <= 512
        && !pattern.StartsWith('/') && !pattern.EndsWith('/')
        && !pattern.Contains("//", StringComparison.Ordinal)
        && !pattern.Any(char.IsControl);

    // '**' matches across folders, '*' within one name; item names compare case-insensitively, as Jenkins' do.
    private static Regex PatternRegex(string pattern)
    {
        var body = Regex.Escape(pattern).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal);
        return new Regex("^" + body + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
