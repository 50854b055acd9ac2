using BenchmarkDotNet.Attributes;
using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Users;

namespace JenkinsLite.Bench.Micro;

/// <summary>Reading a home of one user with five tokens, and saving that user (an fsynced atomic write).</summary>
[MemoryDiagnoser]
public class UserFile
{
    private string _home = null!;
    private JenkinsUserRepository _repository = null!;
    private User _user = null!;

    [GlobalSetup]
    public void Setup()
    {
        _home = Directory.CreateTempSubdirectory("jenkinslite-micro-").FullName;
        var home = new JenkinsHome(_home);
        using (var users = new UserAccounts(new JenkinsUserRepository(home, new HomeSecrets(home)), TimeProvider.System, () => ApiTokenSettings.Default))
        {
            users.CreateUser("alice", "alice-password", null);
            for (var i = 0; i < 5; i++)
            {
                users.GenerateToken("alice", $"token {i}", null);
            }
        }

        _repository = new JenkinsUserRepository(home, new HomeSecrets(home));
        _user = _repository.LoadAll().Users.Single();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_home, recursive: true);

    [Benchmark]
    public int Read() => _repository.LoadAll().Users.Count;

    [Benchmark]
    public void Write() => _repository.Save(_user with { FullName = _user.FullName == "Alice" ? "Alice A." : "Alice" });
}
