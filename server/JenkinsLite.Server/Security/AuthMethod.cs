namespace JenkinsLite.Server.Security;

/// <summary>How a request proved who it is; only <see cref="Token"/> is exempt from CSRF crumbs.</summary>
internal enum AuthMethod
{
    Anonymous,
    Token,
    Password,
    Session,
}
