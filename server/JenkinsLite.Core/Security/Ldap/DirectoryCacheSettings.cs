namespace JenkinsLite.Core.Security.Ldap;

/// <summary>
/// How many users' directory details are kept and for how long. Without the plugin's <c>&lt;cache&gt;</c>,
/// Jenkins' own UserDetailsCache applies: two minutes after the directory was last asked.
/// </summary>
public sealed record DirectoryCacheSettings(int Size, TimeSpan TimeToLive)
{
    public static DirectoryCacheSettings Default { get; } = new(1000, TimeSpan.FromMinutes(2));
}
