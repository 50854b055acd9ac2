namespace JenkinsLite.Core.Jobs;

/// <summary>How a change to an item ended; the endpoint maps it to Jenkins' status.</summary>
public enum JobChange
{
    Done,

    /// <summary>No such item (or, for create and copy, no such folder to put it in).</summary>
    NotFound,

    /// <summary>The name fails Jenkins' checkGoodName.</summary>
    InvalidName,

    /// <summary>Another item of that parent already has the name (compared without case, as Jenkins does).</summary>
    AlreadyExists,

    /// <summary>The XML does not parse, or holds a DTD or entity.</summary>
    InvalidConfig,

    /// <summary>A config.xml whose root names another item type than the stored one.</summary>
    WrongType,

    /// <summary>The copy source does not exist.</summary>
    NoSuchSource,

    /// <summary>Rename while the item (or something inside it) is building.</summary>
    Building,

    /// <summary>Rename to the very same name.</summary>
    Unchanged,

    /// <summary>The action does not apply to this kind of item (enable/disable on a folder).</summary>
    NotApplicable,
}
