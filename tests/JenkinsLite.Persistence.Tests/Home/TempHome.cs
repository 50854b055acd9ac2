using JenkinsLite.Persistence.Home;

namespace JenkinsLite.Persistence.Tests.Home;

/// <summary>
/// A JENKINS_HOME of one test in the temp folder: empty, or a copy of a real Jenkins fixture from
/// <c>shared/fixtures/jenkins</c>. The fixtures themselves are never written.
/// </summary>
internal sealed class TempHome : IDisposable
{
    public const string F1 = "ApiTokenPropertyTest/migrationFromLegacyToken";
    public const string F2 = "HudsonPrivateSecurityRealmFIPSTest/userLoginAfterEnablingFIPS";
    public const string F3 = "ComputerTest/removeUserDetailsFromOfflineCause";
    public const string F4 = "UserIdMigratorTest/emptyUsernameConfigScanned";
    public const string F5 = "UserTest/differentUserIdInConfigFileIsIgnored";

    private TempHome()
    {
        Root = Path.Combine(Path.GetTempPath(), "jenkinslite-home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Home = new JenkinsHome(Root);
    }

    public string Root { get; }

    public JenkinsHome Home { get; }

    public static TempHome Empty() => new();

    public static TempHome CopyOf(string fixture)
    {
        var source = FixturePath(fixture);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Fixture {fixture} was not found at {source}");
        }

        var home = new TempHome();
        try
        {
            CopyFolder(source, home.Root);
            return home;
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    /// <summary>The fixture folder, found by walking up from the test binaries to <c>shared/fixtures/jenkins</c>.</summary>
    public static string FixturePath(string fixture)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "jenkins");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(candidate, fixture);
            }
        }

        throw new DirectoryNotFoundException($"shared/fixtures/jenkins was not found above {AppContext.BaseDirectory}");
    }

    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public void Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            // A test may have made a folder read-only; give every folder its write bit back first.
            foreach (var dir in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories).Prepend(Root))
            {
                File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.UserRead);
            }
        }

        Directory.Delete(Root, recursive: true);
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}
