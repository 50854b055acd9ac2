namespace JenkinsLite.Core.Views;

/// <summary>How a change to a view ended; the endpoint maps it to Jenkins' status.</summary>
public enum ViewChange
{
    Done,
    NotFound,
    InvalidName,
    AlreadyExists,
    InvalidConfig,

    /// <summary>The primary view cannot be deleted; an AllView has no job list to edit.</summary>
    NotApplicable,
}
