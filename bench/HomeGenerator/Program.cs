using System.Globalization;
using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Security.Passwords;
using JenkinsLite.Core.Security.Secrets;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Users;
using JenkinsLite.Persistence.Xml;

// Writes a home of many users (with API tokens) and many jobs (with finished builds) in the shapes the
// server's persistence writes: the same XML code, but plain writes instead of fsynced atomic ones, in
// parallel, since a fresh benchmark home has nothing to protect. Prints one user's id, password and a token.
// Usage: HomeGenerator <home> <root config.xml> <job config.xml> <users> <tokens per user> <jobs> <builds per job>
if (args.Length != 7)
{
    Console.Error.WriteLine("usage: <home> <root config.xml> <job config.xml> <users> <tokens per user> <jobs> <builds per job>");
    return 2;
}

var home = new JenkinsHome(args[0]);
var rootConfig = File.ReadAllBytes(args[1]);
var jobConfig = File.ReadAllBytes(args[2]);
var (users, tokensPerUser, jobs, buildsPerJob) = (Count(args[3]), Count(args[4]), Count(args[5]), Count(args[6]));

var secrets = new HomeSecrets(home);
var cipher = secrets.CipherCreatingKeys();
var dirNamesKey = secrets.DirNamesKey();
const string password = "bench-password";
var passwordHash = PasswordHash.HashNew(password); // one bcrypt for all: hashing 100,000 would take hours
var sampleToken = TokenSecret.Prefix + TokenSecret.NewSecret();
var created = DateTimeOffset.UtcNow;

Parallel.For(0, users, i =>
{
    var id = UserName(i);
    var tokens = Enumerable.Range(0, tokensPerUser).Select(t =>
    {
        // Only the sample user's first token is known: the others exist to be tried and not match.
        var value = i == 0 && t == 0 ? sampleToken : TokenSecret.Prefix + TokenSecret.NewSecret();
        return new HashedToken(Guid.NewGuid().ToString(), $"token {t}", created, null, TokenHash.Salted(value[2..], legacy: false));
    });
    var user = new User(id, id, null, passwordHash, ApiTokenStore.Of(tokens), null);
    var document = UserXml.NewDocument(id);
    UserXml.Apply(document, null, user, () => cipher);
    Write(Path.Combine(home.UsersFolder, UserDirectoryName.For(id, dirNamesKey), "config.xml"), JenkinsXml.Serialize(document));
});

var files = new BuildFiles(home);
Parallel.For(0, jobs, j =>
{
    var name = $"job-{j}";
    Write(JobPaths.ConfigOf(home, name), jobConfig);
    for (var number = 1; number <= buildsPerJob; number++)
    {
        var record = new BuildRecord(name, number, number, created.AddMinutes(number - buildsPerJob), TimeSpan.FromSeconds(1),
            BuildResult.Success, false, [BuildCause.ByUser(UserName(0), UserName(0))], [], [], null, false);
        Write(Path.Combine(files.FolderOf(name, number), "build.xml"), BuildXml.Serialize(record, files.WorkspaceOf(name), cipher));
        Write(files.LogOf(name, number), Encoding.UTF8.GetBytes($"Started by user {UserName(0)}\nFinished: SUCCESS\n"));
    }

    Write(Path.Combine(JobPaths.FolderOf(home, name), "nextBuildNumber"),
        Encoding.ASCII.GetBytes((buildsPerJob + 1).ToString(CultureInfo.InvariantCulture) + "\n"));
});

// config.xml last: its presence marks the home as seeded.
Write(home.ConfigXml, rootConfig);
Console.WriteLine($"{UserName(0)} {password} {sampleToken}");
return 0;

static int Count(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

static string UserName(int i) => "user-" + i.ToString(CultureInfo.InvariantCulture);

static void Write(string path, byte[] content)
{
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllBytes(path, content);
}
