using System.Globalization;

namespace JenkinsLite.Cli;

/// <summary>
/// The LOCALE frame's value in Java's form (<c>en_US</c>, never .NET's <c>en-US</c>): from LC_ALL,
/// LC_MESSAGES or LANG on Unix (<c>fr_CA.UTF-8</c> gives <c>fr_CA</c>; C and POSIX give <c>en</c>, as the JVM does).
/// </summary>
public static class JavaLocale
{
    private static readonly string[] Variables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    public static string Current(Func<string, string?> environment)
    {
        if (!OperatingSystem.IsWindows())
        {
            var posix = Variables.Select(environment).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            return FromPosix(posix);
        }

        var name = CultureInfo.CurrentUICulture.Name;
        return string.IsNullOrEmpty(name) ? "en" : name.Replace('-', '_');
    }

    public static string FromPosix(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "en";
        }

        var name = value.Split('.', '@')[0];
        return name is "" or "C" or "POSIX" ? "en" : name;
    }
}
