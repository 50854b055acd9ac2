namespace JenkinsLite.Core.Security.Ldap;

/// <summary>How a user's groups are found: the plugin's two <c>groupMembershipStrategy</c> classes.</summary>
public abstract record GroupMembershipStrategy
{
    private GroupMembershipStrategy()
    {
    }

    /// <summary>
    /// <c>FromGroupSearchLDAPGroupMembershipStrategy</c>: groups under the group search base whose filter matches;
    /// <c>{0}</c> is the user's DN and <c>{1}</c> the user name. Blank means the plugin's default filter.
    /// </summary>
    public sealed record FromGroupSearch(string Filter) : GroupMembershipStrategy
    {
        public const string JenkinsClassName = "jenkins.security.plugins.ldap.FromGroupSearchLDAPGroupMembershipStrategy";
        public const string DefaultFilter = "(| (member={0}) (uniqueMember={0}) (memberUid={1}))";
    }

    /// <summary><c>FromUserRecordLDAPGroupMembershipStrategy</c>: group DNs listed in an attribute of the user's entry (memberOf).</summary>
    public sealed record FromUserRecord(string AttributeName) : GroupMembershipStrategy
    {
        public const string JenkinsClassName = "jenkins.security.plugins.ldap.FromUserRecordLDAPGroupMembershipStrategy";
        public const string DefaultAttributeName = "memberOf";
    }
}
