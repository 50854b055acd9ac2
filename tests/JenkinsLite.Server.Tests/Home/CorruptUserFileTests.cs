using System.Net;
using JenkinsLite.Server.Tests.Fixtures;
using JenkinsLite.Server.Tests.Infrastructure;

namespace JenkinsLite.Server.Tests.Home;

/// <summary>
/// A user file that does not parse (REL-05, REL-06): the server starts, other users work, that user fails
/// closed, admins see the file with its line, and nothing ever writes the file automatically.
/// </summary>
internal sealed class CorruptUserFileTests : ServerFixture
{
    private readonly string _bobPassword = HomeKit.RandomPassword();
    private readonly string _carolPassword = HomeKit.RandomPassword();
    private string _bobToken = null!;
    private string _carolToken = null!;
    private string _carolFile = null!;
    private byte[] _corrupt = null!;

    [OneTimeSetUp]
    public async Task CorruptCarolsFileAsync()
    {
        await CreateUserAsync("bob", _bobPassword);
        await CreateUserAsync("carol", _carolPassword);
        (_bobToken, _) = await GenerateTokenAsync("bob", _bobPassword, "bob-token");
        (_carolToken, _) = await GenerateTokenAsync("carol", _carolPassword, "carol-token");
        _carolFile = HomeKit.UserConfigPath(Server.Home, "carol");

        await Server.StopAsync();
        var whole = await File.ReadAllBytesAsync(_carolFile);
        _corrupt = whole[..(whole.Length / 2)]; // truncated XML, as a crash of a non-atomic writer leaves it
        await File.WriteAllBytesAsync(_carolFile, _corrupt);
        await Server.RestartAsync();
    }

    /// <summary>Every test starts from the corrupt file, whatever an earlier test did to it.</summary>
    [SetUp]
    public async Task KeepCarolsFileCorruptAsync()
    {
        if (!(await File.ReadAllBytesAsync(_carolFile)).AsSpan().SequenceEqual(_corrupt))
        {
            await Server.StopAsync();
            await File.WriteAllBytesAsync(_carolFile, _corrupt);
            await Server.RestartAsync();
        }
    }

    [Test]
    public async Task Start_WithCorruptUserFile_OtherUsersSignIn()
    {
        // Arrange (the server restarted on the corrupt file in the one-time set-up)

        // Act
        var admin = await HomeKit.WhoAmIStatusAsync(Server, "admin", AdminPassword);
        var bobPassword = await HomeKit.WhoAmIStatusAsync(Server, "bob", _bobPassword);
        var bobToken = await HomeKit.WhoAmIStatusAsync(Server, "bob", _bobToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(admin, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(bobPassword, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(bobToken, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Authenticate_CorruptUser_Is401ForPasswordAndToken()
    {
        // Arrange
        await Server.RestartAsync(); // a fresh failure throttle

        // Act
        var password = await HomeKit.WhoAmIAsync(Server, "carol", _carolPassword);
        var token = await HomeKit.WhoAmIAsync(Server, "carol", _carolToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(password.Status, Is.EqualTo(HttpStatusCode.Unauthorized), password.Body);
            Assert.That(token.Status, Is.EqualTo(HttpStatusCode.Unauthorized), token.Body);
        });
    }

    [Test]
    public async Task UnreadableData_Admin_NamesTheFileWithItsLine()
    {
        // Arrange
        using var admin = Admin();
        var relative = Path.GetRelativePath(Server.Home, _carolFile).Replace('\\', '/');

        // Act
        var body = await HomeKit.JsonAsync(admin, "manage/unreadableData/api/json");

        // Assert
        var file = body["files"]!.SingleOrDefault(f => f["path"]!.ToString() == relative);
        Assert.That(file, Is.Not.Null, body.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(file!["userId"]!.ToString(), Is.EqualTo("carol"));
            Assert.That(file["line"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.Integer), body.ToString());
            Assert.That((int?)file["line"], Is.GreaterThan(0));
            Assert.That(file["error"]!.ToString(), Is.Not.Empty);
            Assert.That(body.ToString(), Does.Not.Contain("passwordHash"));
        });
    }

    [Test]
    public async Task UnreadableData_Anonymous_Is403()
    {
        // Arrange
        using var anonymous = Server.Client();

        // Act
        using var response = await anonymous.GetAsync("manage/unreadableData/api/json");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task SignIn_TenAttemptsThenRestart_FileIsByteIdentical()
    {
        // Arrange
        await Server.RestartAsync(); // a fresh failure throttle, so all ten attempts reach authentication
        var folder = Path.GetDirectoryName(_carolFile)!;
        var filesBefore = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await HomeKit.WhoAmIStatusAsync(Server, "carol", i % 2 == 0 ? _carolPassword : _carolToken));
        }

        await Server.RestartAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(File.ReadAllBytes(_carolFile), Is.EqualTo(_corrupt));
            Assert.That(Directory.GetFiles(folder).Order(StringComparer.Ordinal), Is.EqualTo(filesBefore));
        });
    }

    [Test]
    public async Task AdminActions_OnCorruptUser_AreRefusedAndDoNotWriteTheFile()
    {
        // Arrange
        var password = HomeKit.RandomPassword();
        Server.RememberSecret(password);
        using var adminToken = Server.Client("admin", (await GenerateTokenAsync("admin", AdminPassword, "admin-token")).Value);

        // Act
        using var create = await HomeKit.PostWithPasswordAsync(Server, "admin", AdminPassword, "securityRealm/createAccountByAdmin",
            ("username", "carol"), ("password1", password), ("password2", password), ("fullname", "Carol Again"));
        using var revokeAll = await adminToken.PostAsync($"user/carol/{TokenBase}/revokeAll", null);
        using var changePassword = await HomeKit.PostAsync(adminToken, "user/carol/changePassword", ("password1", password), ("password2", password));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await create.Content.ReadAsStringAsync());
            Assert.That(revokeAll.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(changePassword.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(File.ReadAllBytes(_carolFile), Is.EqualTo(_corrupt));
            Assert.That(await HomeKit.WhoAmIStatusAsync(Server, "carol", password), Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }
}
