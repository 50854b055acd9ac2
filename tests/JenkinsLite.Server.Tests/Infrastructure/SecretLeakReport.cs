using System.Reflection;

namespace JenkinsLite.Server.Tests.Infrastructure;

/// <summary>
/// The figures of the leak check (SEC-38) over a whole test run: how many distinct secrets were searched for
/// in the logs and homes, and how many were found. Kept up to date in TestResults/secret-leak-check.&lt;assembly&gt;.txt.
/// </summary>
internal static class SecretLeakReport
{
    private static readonly HashSet<string> Searched = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static int _checks;
    private static int _found;

    public static void Record(IEnumerable<string> secrets, int found)
    {
        lock (Gate)
        {
            Searched.UnionWith(secrets);
            _checks++;
            _found += found;
            var folder = Path.Combine(RepositoryRoot(), "TestResults");
            Directory.CreateDirectory(folder);
            File.WriteAllText(
                Path.Combine(folder, $"secret-leak-check.{Assembly.GetExecutingAssembly().GetName().Name}.txt"),
                $"{Searched.Count} secrets searched for in every log line and home file, in {_checks} checks; found: {_found}\n");
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JenkinsLite.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
