using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace JenkinsLite.Core.Security.Secrets;

/// <summary>
/// Jenkins 2.524+ user folder names, <c>&lt;prefix&gt;_&lt;HMAC&gt;</c>. Jenkins skips a folder of this shape whose
/// name differs from the one it computes, so the rule must match it exactly.
/// </summary>
public static partial class UserDirectoryName
{
    private const int PrefixMax = 14;
    private const char CapitalSigma = '\u03A3';

    /// <summary>
    /// The folder name for a user id under the default case-insensitive id strategy: the id's ASCII letters and
    /// digits, lower-cased and cut to 14, then '_' and the lowercase hex HMAC-SHA256 of the id's key (the id
    /// lower-cased as Java's <c>toLowerCase(Locale.ENGLISH)</c> does) keyed by <c>secrets/hudson.model.User.DIRNAMES</c>.
    /// </summary>
    public static string For(string userId, byte[] dirNamesKey)
    {
        var name = new StringBuilder(PrefixMax + 1 + 64);
        foreach (var c in userId)
        {
            if (name.Length == PrefixMax)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(char.ToLowerInvariant(c));
            }
        }

        var mac = HMACSHA256.HashData(dirNamesKey, Encoding.UTF8.GetBytes(JavaEnglishLowerCase(userId)));
        return name.Append('_').Append(Convert.ToHexStringLower(mac)).ToString();
    }

    public static bool LooksLikeHashedName(string dirName) => HashedName().IsMatch(dirName);

    [GeneratedRegex(@"\A[a-z0-9]{0,14}_[a-f0-9]{64}\z")]
    private static partial Regex HashedName();

    // Java lower-cases U+0130 to "i" + U+0307 and a word-final capital sigma to U+03C2; .NET's invariant mapping
    // does neither, and the HMAC input has to be Jenkins' string exactly.
    private static string JavaEnglishLowerCase(string id)
    {
        var lower = id.ToLowerInvariant();
        if (id.AsSpan().IndexOfAny('\u0130', CapitalSigma) < 0)
        {
            return lower;
        }

        var result = new StringBuilder(id.Length + 4);
        for (var i = 0; i < id.Length; i++)
        {
            if (id[i] == '\u0130')
            {
                result.Append("i\u0307");
            }
            else if (id[i] == CapitalSigma && IsFinalSigma(id, i))
            {
                result.Append('\u03C2');
            }
            else
            {
                result.Append(lower[i]);
            }
        }

        return result.ToString();
    }

    // Unicode's Final_Sigma condition, with a word approximated as a run of letters, digits and marks.
    private static bool IsFinalSigma(string text, int index)
    {
        return HasCasedLetter(text, index - 1, -1) && !HasCasedLetter(text, index + 1, 1);
    }

    private static bool HasCasedLetter(string text, int start, int step)
    {
        for (var i = start; i >= 0 && i < text.Length && IsWordChar(text[i]); i += step)
        {
            if (char.GetUnicodeCategory(text[i]) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark;
}
