using System.Text;
using JenkinsLite.Core.Security.Authentication;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.Users;

/// <summary>A user file that cannot be read is reported, fails closed, is never overwritten, and spoils no other user.</summary>
internal sealed class JenkinsUserRepositoryLoadErrorTests
{
    private TempHome _home = null!;

    [TearDown]
    public void DeleteHome()
    {
        _home.Dispose();
    }

    private static byte[] Truncated => Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<user>\n  <fullName>Bro");

    private static byte[] WrongRoot => Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<hudson>\n  <fullName>Broken</fullName>\n</hudson>");

    private static byte[] InvalidUtf8 => [.. Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<user>\n  <fullName>"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("</fullName>\n</user>")];

    private static IEnumerable<TestCaseData> CorruptFiles()
    {
        yield return new TestCaseData(Truncated).SetArgDisplayNames("truncated");
        yield return new TestCaseData(WrongRoot).SetArgDisplayNames("wrong root");
        yield return new TestCaseData(InvalidUtf8).SetArgDisplayNames("invalid UTF-8");
    }

    [TestCaseSource(nameof(CorruptFiles))]
    public void LoadAll_CorruptConfigXml_ReportedWithPathAndOtherUsersLoad(byte[] content)
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F1);
        Directory.CreateDirectory(_home.PathOf("users", "broken"));
        File.WriteAllBytes(_home.PathOf("users", "broken", "config.xml"), content);

        // Act
        var load = _home.UserRepository().LoadAll();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(string.Join(",", load.Users.Select(u => u.Id)), Is.EqualTo("admin"));
            Assert.That(load.Unreadable, Has.Count.EqualTo(1));
            Assert.That(load.Unreadable[0].UserId, Is.EqualTo("broken"));
            Assert.That(load.Unreadable[0].RelativePath, Is.EqualTo("users/broken/config.xml"));
            Assert.That(load.Unreadable[0].Error, Is.Not.Empty);
        });
    }

    [TestCaseSource(nameof(CorruptFiles))]
    public void LoadAll_CorruptConfigXml_ReportedWithLine(byte[] content)
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F1);
        Directory.CreateDirectory(_home.PathOf("users", "broken"));
        File.WriteAllBytes(_home.PathOf("users", "broken", "config.xml"), content);

        // Act
        var load = _home.UserRepository().LoadAll();

        // Assert: an admin is told where to look.
        Assert.That(load.Unreadable.Single().Line, Is.Not.Null.And.GreaterThan(0));
    }

    [Test]
    public async Task Authenticate_CorruptConfigXml_FailsClosedAndFileKept()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F1);
        var path = _home.PathOf("users", "admin", "config.xml");
        File.WriteAllBytes(path, Truncated);
        using var accounts = _home.LoadAccounts();

        // Act
        var result = await accounts.AuthenticateAsync("admin", "admin", passwordsAllowed: true);
        var create = accounts.CreateUser("admin", "other", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.UserUnreadable)));
            Assert.That(create, Is.EqualTo(UserChange.Unreadable));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(Truncated));
        });
    }

    [Test]
    public async Task Authenticate_CorruptConfigXmlInMappedFolder_UserUnreadable()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        File.WriteAllBytes(_home.PathOf("users", JenkinsHomeData.F2UserFolder, "config.xml"), WrongRoot);
        using var accounts = _home.LoadAccounts();

        // Act
        var result = await accounts.AuthenticateAsync("user", "passwordpassword", passwordsAllowed: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.UserUnreadable)));
            Assert.That(accounts.Unreadable.Single().UserId, Is.EqualTo("user"));
        });
    }

    /// <summary>A 2.524+ home with user bob, whose file is then cut to its first <paramref name="keep"/> bytes.</summary>
    private string HashedHomeWithBrokenBob(int keep)
    {
        _home = TempHome.Empty();
        using (var first = _home.LoadAccounts())
        {
            first.CreateUser("bob", "s3cret", null);
        }

        var path = Directory.GetFiles(_home.PathOf("users"), "config.xml", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..keep]);
        return path;
    }

    [Test]
    public async Task Authenticate_TruncatedFileInHashedFolder_UserUnreadable()
    {
        // Arrange: the folder name does not say whose file it is, but the <id> near the top survived.
        HashedHomeWithBrokenBob(keep: 100);
        using var accounts = _home.LoadAccounts();

        // Act
        var result = await accounts.AuthenticateAsync("bob", "s3cret", passwordsAllowed: true);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new AuthenticationResult.Failed(AuthenticationFailure.UserUnreadable)));
            Assert.That(accounts.Unreadable.Single().UserId, Is.EqualTo("bob"));
        });
    }

    [Test]
    public void CreateUser_IdWhoseHashedFolderIsUnreadable_UnreadableAndFileKept()
    {
        // Arrange
        var path = HashedHomeWithBrokenBob(keep: 100);
        var broken = File.ReadAllBytes(path);
        using var accounts = _home.LoadAccounts();

        // Act
        var outcome = accounts.CreateUser("bob", "taken over", null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(UserChange.Unreadable));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(broken));
        });
    }

    [Test]
    public async Task CreateUser_HashedFolderWhoseIdIsLost_FileNeverOverwritten()
    {
        // Arrange: cut before the <id>, so nothing tells whose file this is.
        var path = HashedHomeWithBrokenBob(keep: 45);
        var broken = File.ReadAllBytes(path);
        using var accounts = _home.LoadAccounts();

        // Act
        UserChange? outcome = null;
        try
        {
            outcome = accounts.CreateUser("bob", "taken over", null);
        }
        catch (IOException)
        {
            // refusing by an exception is acceptable here; overwriting is not
        }

        // Assert
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(outcome, Is.Null.Or.EqualTo(UserChange.Unreadable));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(broken));
            Assert.That(await accounts.AuthenticateAsync("bob", "taken over", passwordsAllowed: true), Is.InstanceOf<AuthenticationResult.Failed>());
        });
    }

    [Test]
    public void LoadAll_CorruptUsersXml_ReportedAndUsersStillLoadByTheirId()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F2);
        File.WriteAllText(_home.PathOf("users", "users.xml"), "<hudson.model.UserIdMapper><idToDirectoryNameMap>");

        // Act
        var load = _home.UserRepository().LoadAll();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(string.Join(",", load.Unreadable.Select(u => u.RelativePath)), Is.EqualTo("users/users.xml"));
            Assert.That(string.Join(",", load.Users.Select(u => u.Id)), Is.EqualTo("user"));
        });
    }

    [Test]
    public void LoadAll_TokenWithImpossibleCreationDate_DoesNotThrowAndOtherUsersLoad()
    {
        // Arrange: a hand-edited date in one user's file.
        _home = TempHome.CopyOf(TempHome.F1);
        _home.Write("users/bob/config.xml", """
            <?xml version='1.1' encoding='UTF-8'?>
            <user>
              <properties>
                <jenkins.security.ApiTokenProperty>
                  <tokenStore>
                    <tokenList>
                      <jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                        <uuid>d987d752-b057-430e-b701-622872e79196</uuid>
                        <name>ci-bot</name>
                        <creationDate>2022-02-30 10:00:00.0 UTC</creationDate>
                        <value>
                          <version>11</version>
                          <hash>ff550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627f</hash>
                        </value>
                      </jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                    </tokenList>
                  </tokenStore>
                </jenkins.security.ApiTokenProperty>
              </properties>
            </user>
            """);

        // Act
        UserLoad? load = null;
        Assert.DoesNotThrow(() => load = _home.UserRepository().LoadAll());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(load!.Users.Select(u => u.Id), Does.Contain("admin"));
            Assert.That(load.Users.Select(u => u.Id).Concat(load.Unreadable.Select(u => u.UserId)), Does.Contain("bob"));
        });
    }

    [Test]
    public void LoadAll_FolderWithoutConfigXml_Ignored()
    {
        // Arrange
        _home = TempHome.CopyOf(TempHome.F1);
        Directory.CreateDirectory(_home.PathOf("users", "empty"));

        // Act
        var load = _home.UserRepository().LoadAll();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(string.Join(",", load.Users.Select(u => u.Id)), Is.EqualTo("admin"));
            Assert.That(load.Unreadable, Is.Empty);
        });
    }

    [Test]
    public void LoadAll_NoUsersFolder_Empty()
    {
        // Arrange
        _home = TempHome.Empty();

        // Act
        var load = _home.UserRepository().LoadAll();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(load.Users, Is.Empty);
            Assert.That(load.Unreadable, Is.Empty);
        });
    }
}
