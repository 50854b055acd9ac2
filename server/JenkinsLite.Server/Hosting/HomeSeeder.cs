using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Server.ApiTokens.Audit;

namespace JenkinsLite.Server.Hosting;

/// <summary>
/// Makes a fresh home usable: copies the default config.xml and jobs/ into it, and, as Jenkins' setup
/// wizard does, creates user <c>admin</c> with a random password written to secrets/initialAdminPassword.
/// </summary>
internal static class HomeSeeder
{
    public static void SeedIfEmpty(ServerOptions options)
    {
        Directory.CreateDirectory(options.HomePath);
        var config = Path.Combine(options.HomePath, "config.xml");
        if (File.Exists(config))
        {
            return;
        }

        var seedJobs = Path.Combine(options.SeedFolder, "jobs");
        if (Directory.Exists(seedJobs))
        {
            foreach (var file in Directory.EnumerateFiles(seedJobs, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(options.HomePath, "jobs", Path.GetRelativePath(seedJobs, file));
                AtomicFile.Write(target, File.ReadAllBytes(file));
            }
        }

        // config.xml last: its presence is what marks the home as seeded.
        AtomicFile.Write(config, File.ReadAllBytes(Path.Combine(options.SeedFolder, "config.xml")));
    }

    /// <summary>Creates the initial admin when Jenkins' own user database is empty; returns its password once.</summary>
    public static string? CreateInitialAdmin(JenkinsInstance instance)
    {
        if (!instance.Security.PrivateUserDatabase || instance.Users.AnyUserFile(u => !u.IsServiceAccount))
        {
            return null;
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        if (instance.Users.CreateUser("admin", password, "admin") != UserChange.Done)
        {
            return null;
        }

        var path = instance.Home.Resolve("secrets", "initialAdminPassword");
        AtomicFile.Write(path, Encoding.ASCII.GetBytes(password + "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        GiveInitialToken(instance);
        return password;
    }

    /// <summary>
    /// Jenkins' adminInitialApiToken for the admin of a new home: the given value, or (generate) a random one written
    /// only to secrets/initialAdminApiToken, readable by the owner alone. The value is never logged.
    /// </summary>
    private static void GiveInitialToken(JenkinsInstance instance)
    {
        if (instance.Options.AdminInitialApiToken is not { } option)
        {
            return;
        }

        var given = InitialApiToken.Resolve(option);
        var value = given ?? TokenSecret.Prefix + TokenSecret.NewSecret();
        if (given is null)
        {
            var path = instance.Home.Resolve("secrets", "initialAdminApiToken");
            AtomicFile.Write(path, Encoding.ASCII.GetBytes(value + "\n"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        // Created once the audit log listens (the app is built), so the token's creation is in it, done by the system.
        using var audited = TokenAuditTrail.Because(TokenAuditEvents.Created, systemActor: "SYSTEM");
        var result = instance.Users.AddFixedToken("admin", InitialApiToken.Name, value, null, null, UserAccounts.DeclaredCreator);
        if (result.Outcome != TokenChange.Done)
        {
            throw new InitialApiTokenException($"the initial API token could not be stored ({result.Outcome})");
        }
    }
}
