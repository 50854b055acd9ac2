using System.Runtime.Versioning;
using System.Text;
using JenkinsLite.Core;
using JenkinsLite.Core.Security.Secrets;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Tests.Shared;

namespace JenkinsLite.Persistence.Tests.Secrets;

internal sealed class HomeSecretsTests
{
    // A value encrypted with the Jenkins 2.141 secrets (spec api-tokens.md 5.3, V1).
    private const string V1Braced = "{AQAAABAAAAAgPT7JbBVgyWiivobt0CJEduLyP0lB3uyTj+D5WBvVk6jyG6BQFPYGN4Z3VJN2JLDm}";

    private string _home = null!;

    private string SecretsFolder => Path.Combine(_home, "secrets");

    [SetUp]
    public void CreateHome()
    {
        _home = Path.Combine(Path.GetTempPath(), "jenkinslite-secrets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_home);
    }

    [TearDown]
    public void DeleteHome()
    {
        Directory.Delete(_home, recursive: true);
    }

    [Test]
    public void ExistingCipher_EmptyHome_ReturnsNullAndCreatesNothing()
    {
        var secrets = new HomeSecrets(_home);

        var cipher = secrets.ExistingCipher();

        Assert.That(cipher, Is.Null);
        Assert.That(Directory.EnumerateFileSystemEntries(_home), Is.Empty);
    }

    [Test]
    public void ExistingCipher_MasterKeyWithoutSecretFile_ReturnsNullAndCreatesNothing()
    {
        Directory.CreateDirectory(SecretsFolder);
        File.WriteAllText(Path.Combine(SecretsFolder, "master.key"), JenkinsV1Secrets.MasterKey);

        var cipher = new HomeSecrets(_home).ExistingCipher();

        Assert.That(cipher, Is.Null);
        Assert.That(SecretFileNames(), Is.EqualTo("master.key"));
    }

    [Test]
    public void ExistingCipher_JenkinsSecrets_DecryptsJenkinsValue()
    {
        // Arrange
        JenkinsV1Secrets.WriteTo(_home);

        // Act
        var cipher = new HomeSecrets(_home).ExistingCipher();

        // Assert
        Assert.That(cipher, Is.Not.Null);
        Assert.That(cipher!.TryDecrypt(V1Braced), Is.EqualTo("Drmhze6EPcv0fN_81Bj"));
    }

    [Test]
    public void ExistingCipher_SecretFileUnderOtherMasterKey_ReturnsNull()
    {
        JenkinsV1Secrets.WriteTo(_home);
        File.WriteAllText(Path.Combine(SecretsFolder, "master.key"), new string('0', 256));

        Assert.That(new HomeSecrets(_home).ExistingCipher(), Is.Null);
    }

    [Test]
    public void ExistingCipher_HistoricalValueUnderSecretKey_UsesSecretKeyFile()
    {
        // Arrange
        JenkinsV1Secrets.WriteTo(_home);
        const string secretKeyText = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        File.WriteAllText(Path.Combine(_home, "secret.key"), secretKeyText + "\n");
        var legacyKey = ConfidentialKeyEnvelope.MasterKeyFromText(secretKeyText);
        var stored = Convert.ToBase64String(ConfidentialKeyEnvelope.Wrap(legacyKey, Encoding.UTF8.GetBytes("old secret")));

        // Act
        var cipher = new HomeSecrets(_home).ExistingCipher();

        // Assert
        Assert.That(cipher!.TryDecrypt(stored), Is.EqualTo("old secret"));
    }

    [Test]
    public void CipherCreatingKeys_EmptyHome_CreatesJenkinsKeyFiles()
    {
        // Act
        new HomeSecrets(_home).CipherCreatingKeys();

        // Assert
        var masterKeyText = File.ReadAllText(Path.Combine(SecretsFolder, "master.key"));
        Assert.That(masterKeyText, Does.Match("^[0-9a-f]{256}$"));
        var secretFile = File.ReadAllBytes(Path.Combine(SecretsFolder, "hudson.util.Secret"));
        Assert.That(secretFile, Has.Length.EqualTo(272));
        var payload = ConfidentialKeyEnvelope.Unwrap(ConfidentialKeyEnvelope.MasterKeyFromText(masterKeyText), secretFile);
        Assert.That(payload, Has.Length.EqualTo(256));
        Assert.That(SecretFileNames(), Is.EqualTo("hudson.util.Secret master.key"));
    }

    [Test]
    public void CipherCreatingKeys_SecondInstance_ReusesKeys()
    {
        // Arrange
        var stored = new HomeSecrets(_home).CipherCreatingKeys().Encrypt("reused");
        var filesBefore = SnapshotSecrets();

        // Act
        var again = new HomeSecrets(_home).CipherCreatingKeys();
        var existing = new HomeSecrets(_home).ExistingCipher();

        // Assert
        Assert.That(again.TryDecrypt(stored), Is.EqualTo("reused"));
        Assert.That(existing!.TryDecrypt(stored), Is.EqualTo("reused"));
        Assert.That(SnapshotSecrets(), Is.EqualTo(filesBefore));
    }

    [Test]
    public void CipherCreatingKeys_JenkinsSecrets_KeepsThem()
    {
        JenkinsV1Secrets.WriteTo(_home);
        var filesBefore = SnapshotSecrets();

        var cipher = new HomeSecrets(_home).CipherCreatingKeys();

        Assert.That(cipher.TryDecrypt(V1Braced), Is.EqualTo("Drmhze6EPcv0fN_81Bj"));
        Assert.That(SnapshotSecrets(), Is.EqualTo(filesBefore));
    }

    [Test]
    public void CipherCreatingKeys_SecretFileUnderOtherMasterKey_ThrowsAndKeepsFile()
    {
        JenkinsV1Secrets.WriteTo(_home);
        File.WriteAllText(Path.Combine(SecretsFolder, "master.key"), new string('0', 256));
        var filesBefore = SnapshotSecrets();

        Assert.That(() => new HomeSecrets(_home).CipherCreatingKeys(), Throws.TypeOf<HomeDataException>());
        Assert.That(SnapshotSecrets(), Is.EqualTo(filesBefore));
    }

    [Test]
    public void CipherCreatingKeys_SecretFileWithoutMasterKey_ThrowsAndCreatesNothing()
    {
        JenkinsV1Secrets.WriteTo(_home);
        File.Delete(Path.Combine(SecretsFolder, "master.key"));

        Assert.That(() => new HomeSecrets(_home).CipherCreatingKeys(), Throws.TypeOf<HomeDataException>());
        Assert.That(File.Exists(Path.Combine(SecretsFolder, "master.key")), Is.False);
    }

    [Test]
    public void DirNamesKey_EmptyHome_CreatesKeyOnceAndReusesIt()
    {
        // Act
        var first = new HomeSecrets(_home).DirNamesKey();
        var second = new HomeSecrets(_home).DirNamesKey();

        // Assert
        Assert.That(first, Has.Length.EqualTo(32));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(new FileInfo(Path.Combine(SecretsFolder, "hudson.model.User.DIRNAMES")).Length, Is.EqualTo(48));
    }

    [Test]
    public void CrumbSalt_EmptyHome_CreatesSaltOnceAndReusesIt()
    {
        var first = new HomeSecrets(_home).CrumbSalt();
        var second = new HomeSecrets(_home).CrumbSalt();

        Assert.That(first, Has.Length.EqualTo(32));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(File.Exists(Path.Combine(SecretsFolder, "jenkins.model.Jenkins.crumbSalt")), Is.True);
    }

    [Test]
    public void DirNamesKey_JenkinsHome_ReadsExistingKeyUnderExistingMasterKey()
    {
        // Arrange
        JenkinsV1Secrets.WriteTo(_home);
        var masterKey = ConfidentialKeyEnvelope.MasterKeyFromText(JenkinsV1Secrets.MasterKey);
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(Path.Combine(SecretsFolder, "hudson.model.User.DIRNAMES"), ConfidentialKeyEnvelope.Wrap(masterKey, key));

        // Act
        var read = new HomeSecrets(_home).DirNamesKey();

        // Assert
        Assert.That(read, Is.EqualTo(key));
    }

    [Test]
    public void DirNamesKey_ManyInstancesAtOnce_AgreeOnOneKey()
    {
        var keys = new byte[16][];

        Parallel.For(0, keys.Length, i => keys[i] = new HomeSecrets(_home).DirNamesKey());

        Assert.That(keys.Select(Convert.ToHexString).Distinct(), Has.Exactly(1).Items);
        Assert.That(SecretFileNames(), Is.EqualTo("hudson.model.User.DIRNAMES master.key"));
    }

    [Test]
    public void DirNamesKey_ReturnedArrayChanged_CachedKeyUnchanged()
    {
        var secrets = new HomeSecrets(_home);
        var first = secrets.DirNamesKey();
        var copy = first.ToArray();

        first[0] ^= 0xff;

        Assert.That(secrets.DirNamesKey(), Is.EqualTo(copy));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void CipherCreatingKeys_EmptyHome_FolderAndFilesAreOwnerOnly()
    {
        // Act
        var secrets = new HomeSecrets(_home);
        secrets.CipherCreatingKeys();
        secrets.DirNamesKey();
        secrets.CrumbSalt();

        // Assert
        const UnixFileMode ownerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.That(File.GetUnixFileMode(SecretsFolder), Is.EqualTo(ownerOnlyFile | UnixFileMode.UserExecute));
        var fileModes = Directory.GetFiles(SecretsFolder).Select(File.GetUnixFileMode).ToArray();
        Assert.That(fileModes, Has.Length.EqualTo(4).And.All.EqualTo(ownerOnlyFile));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void CipherCreatingKeys_ExistingSecretsFolder_KeepsItsMode()
    {
        const UnixFileMode adminChosen = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        Directory.CreateDirectory(SecretsFolder);
        File.SetUnixFileMode(SecretsFolder, adminChosen);

        new HomeSecrets(_home).CipherCreatingKeys();

        Assert.That(File.GetUnixFileMode(SecretsFolder), Is.EqualTo(adminChosen));
    }

    // Sorted names, space-separated: temp files left behind would show here too.
    private string SecretFileNames() =>
        string.Join(' ', Directory.GetFiles(SecretsFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

    private Dictionary<string, string> SnapshotSecrets() =>
        Directory.GetFiles(SecretsFolder).ToDictionary(
            path => Path.GetFileName(path),
            path => Convert.ToHexString(File.ReadAllBytes(path)));
}
