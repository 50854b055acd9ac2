namespace JenkinsLite.Core.Security.ApiTokens.Audit;

/// <summary>The audit log could not be written: the change that needed the event must not happen (HTTP 503).</summary>
public sealed class AuditUnavailableException : IOException
{
    public AuditUnavailableException()
        : base("The API token audit log cannot be written; nothing was changed.")
    {
    }

    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    public AuditUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
