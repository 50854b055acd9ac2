namespace JenkinsLite.Core.Security.Ldap;

/// <summary>A user directory (LDAP): the only place a directory password is checked.</summary>
public interface IDirectory
{
    /// <summary>Finds the user with the manager account, then binds as that user with <paramref name="password"/>.</summary>
    DirectoryAnswer SignIn(string userName, string password);

    /// <summary>Finds the user and their groups with the manager account, without the user's password.</summary>
    DirectoryAnswer Find(string userName);
}
