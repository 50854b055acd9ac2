namespace JenkinsLite.Core;

/// <summary>A file of the home folder that could not be read, with where it went wrong.</summary>
public sealed class HomeDataException : Exception
{
    public HomeDataException(string relativePath, string error, int? line = null, int? column = null, Exception? inner = null)
        : base($"{relativePath}{(line is null ? string.Empty : $" (line {line}, column {column})")}: {error}", inner)
    {
        RelativePath = relativePath;
        Error = error;
        Line = line;
        Column = column;
    }

    public HomeDataException()
        : this("(unknown)", "unreadable")
    {
    }

    public HomeDataException(string message)
        : this("(unknown)", message)
    {
    }

    public HomeDataException(string message, Exception inner)
        : this("(unknown)", message, null, null, inner)
    {
    }

    public string RelativePath { get; }

    public string Error { get; }

    public int? Line { get; }

    public int? Column { get; }
}
