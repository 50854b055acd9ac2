using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.Users;

/// <summary>
/// <see cref="Persistence.Users.JenkinsUserRepository.ReadOne"/>: a user found from the id alone, in every layout of
/// Jenkins' users folder, exactly as the full load finds it; what it cannot settle alone it leaves to the load.
/// </summary>
internal sealed class JenkinsUserRepositoryReadOneTests
{
    private TempHome _home = null!;

    [TearDown]
    public void DeleteHome()
    {
        _home.Dispose();
    }

    [TestCase(TempHome.F1)]
    [TestCase(TempHome.F2)]
    [TestCase(TempHome.F3)]
    [TestCase(TempHome.F4)]
    [TestCase(TempHome.F5)]
    public void ReadOne_EveryUserTheFullLoadFinds_SameUser(string fixture)
    {
        // Arrange
        _home = TempHome.CopyOf(fixture);
        var loaded = _home.UserRepository().LoadAll().Users;
        var repository = _home.UserRepository(); // as after a restart, before its load

        // Act
        var reads = loaded.Select(u => repository.ReadOne(u.Id.ToUpperInvariant())).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.Not.Empty);
            Assert.That(reads.Select(r => r?.User?.Id), Is.EqualTo(loaded.Select(u => u.Id)));
            Assert.That(reads.Select(r => r?.User?.PasswordHash), Is.EqualTo(loaded.Select(u => u.PasswordHash)));
            Assert.That(reads.Select(r => Tokens(r?.User)), Is.EqualTo(loaded.Select(Tokens)));
        });
    }

    // A legacy token's entry is derived anew at each read (Jenkins does the same), so it is named, not numbered.
    private static string Tokens(User? user) =>
        string.Join(",", user?.Tokens.Tokens.Select(t => t.IsLegacy ? "legacy" : t.Uuid) ?? []);

    [Test]
    public void ReadOne_UserOfTheCurrentLayout_FoundByItsHashedFolder()
    {
        // Arrange
        _home = TempHome.Empty();
        using (var accounts = _home.LoadAccounts())
        {
            accounts.CreateUser("Carol", "s3cret", "Carol C");
        }

        // Act
        var read = _home.UserRepository().ReadOne("carol");

        // Assert
        Assert.That(read?.User?.FullName, Is.EqualTo("Carol C"));
    }

    [Test]
    public void ReadOne_UnknownUser_NullSoTheFullLoadDecides()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);

        // Act
        var read = _home.UserRepository().ReadOne("nobody");

        // Assert
        Assert.That(read, Is.Null);
    }

    [Test]
    public void ReadOne_UnreadableFile_ReportedAsTheLoadReportsIt()
    {
        // Arrange
        _home = TempHome.Empty();
        using (var accounts = _home.LoadAccounts())
        {
            accounts.CreateUser("bob", "s3cret", null);
        }

        var path = Directory.GetFiles(_home.PathOf("users"), "config.xml", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);

        // Act
        var read = _home.UserRepository().ReadOne("bob");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read?.User, Is.Null);
            Assert.That(read?.Unreadable?.UserId, Is.EqualTo("bob"));
            Assert.That(read?.Unreadable, Is.EqualTo(_home.UserRepository().LoadAll().Unreadable.Single()));
        });
    }

    [Test]
    public void AnyUserFile_AUserWhoMatches_TrueWithoutTheOthers()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        var repository = _home.UserRepository();

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(repository.AnyUserFile(u => u.Id == "user"), Is.True);
            Assert.That(repository.AnyUserFile(_ => false), Is.False);
        });
    }
}
