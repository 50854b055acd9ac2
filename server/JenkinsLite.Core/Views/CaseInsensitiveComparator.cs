namespace JenkinsLite.Core.Views;

/// <summary>
/// Jenkins' <c>hudson.util.CaseInsensitiveComparator</c>, which orders a list view's <c>&lt;jobNames&gt;</c>:
/// Java's <c>compareToIgnoreCase</c>, character by character on the lower case of the upper case. Not
/// <see cref="StringComparer.OrdinalIgnoreCase"/>, which compares upper case and so puts "ab" before "a_b".
/// </summary>
public sealed class CaseInsensitiveComparator : IComparer<string>
{
    public static readonly CaseInsensitiveComparator Instance = new();

    private CaseInsensitiveComparator()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);   // null first, as .NET's comparers order it
        }

        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i] && Folded(x[i]) != Folded(y[i]))
            {
                return Folded(x[i]) - Folded(y[i]);
            }
        }

        return x.Length - y.Length;
    }

    private static char Folded(char c) => char.ToLowerInvariant(char.ToUpperInvariant(c));
}
