using System.Buffers;

namespace JenkinsLite.Core.Jobs;

/// <summary>Jenkins' checkGoodName: the rules an item name must pass before it becomes a folder.</summary>
public static class ItemName
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create("?*/\\%!@#$^&|<>[]:;");

    /// <summary>Null when <paramref name="name"/> is a good item name; else Jenkins' message.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "No name is specified";
        }

        if (name is "." or "..")
        {
            return $"“{name}” is not an allowed name";
        }

        if (name.TrimEnd().EndsWith('.'))
        {
            return "A name cannot end with ‘.’";
        }

        var bad = name.AsSpan().IndexOfAny(Unsafe);
        if (bad >= 0)
        {
            return $"‘{name[bad]}’ is an unsafe character";
        }

        if (name.Any(char.IsControl))
        {
            return "A name cannot contain control characters";
        }

        return name.Length > 255 ? "The name is too long" : null;
    }

    public static bool IsValid(string? name) => Problem(name) is null;
}
