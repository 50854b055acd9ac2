using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Core;
using JenkinsLite.Core.Security.Secrets;
using JenkinsLite.Persistence.Home;

namespace JenkinsLite.Persistence.Secrets;

/// <summary>
/// The confidential keys of one JENKINS_HOME, in Jenkins' own files: <c>secrets/master.key</c>, the key files it
/// wraps, and the pre-2013 <c>secret.key</c>. Keys are read once, and created only by the methods that say so.
/// </summary>
public sealed class HomeSecrets
{
    private const string SecretsFolderName = "secrets";
    private const string MasterKeyFileName = "master.key";
    private const string LegacySecretKeyFileName = "secret.key";
    private const string SecretKeyId = "hudson.util.Secret";
    private const string DirNamesKeyId = "hudson.model.User.DIRNAMES";
    private const string CrumbSaltKeyId = "jenkins.model.Jenkins.crumbSalt";

    // Sizes Jenkins generates: 128 random bytes behind master.key, 256 behind hudson.util.Secret, a 32-byte
    // HmacSHA256 key for DIRNAMES. The crumb salt is ours at 32; Jenkins reads any length (it uses 8).
    private const int MasterKeyRandomBytes = 128;
    private const int SecretPayloadLength = 256;
    private const int DirNamesKeyLength = 32;
    private const int CrumbSaltLength = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Lock _gate = new();
    private readonly string _home;
    private readonly string _secretsFolder;
    private byte[]? _masterKey;
    private SecretCipher? _cipher;
    private byte[]? _dirNamesKey;
    private byte[]? _crumbSalt;

    public HomeSecrets(string homeFolder)
    {
        _home = Path.GetFullPath(homeFolder);
        _secretsFolder = Path.Combine(_home, SecretsFolderName);
    }

    public HomeSecrets(JenkinsHome home)
        : this(home.Root)
    {
    }

    /// <summary>
    /// The <c>hudson.util.Secret</c> cipher when the home already has readable keys, else null. Creates nothing.
    /// </summary>
    public SecretCipher? ExistingCipher()
    {
        lock (_gate)
        {
            if (_cipher is not null)
            {
                return _cipher;
            }

            var payload = TryReadExistingKey(SecretKeyId);
            if (payload is null || payload.Length < ConfidentialKeyEnvelope.AesKeyLength)
            {
                return null;
            }

            return _cipher = new SecretCipher(payload[..ConfidentialKeyEnvelope.AesKeyLength], TryReadFallbackKey());
        }
    }

    /// <summary>
    /// The <c>hudson.util.Secret</c> cipher, creating <c>secrets/master.key</c> and <c>secrets/hudson.util.Secret</c>
    /// when absent. Throws <see cref="HomeDataException"/> when an existing key file does not open with master.key.
    /// </summary>
    public SecretCipher CipherCreatingKeys()
    {
        lock (_gate)
        {
            if (_cipher is not null)
            {
                return _cipher;
            }

            var payload = LoadOrCreateKey(SecretKeyId, SecretPayloadLength);
            if (payload.Length < ConfidentialKeyEnvelope.AesKeyLength)
            {
                throw new HomeDataException(RelativeKeyPath(SecretKeyId), "holds fewer than 16 key bytes");
            }

            return _cipher = new SecretCipher(payload[..ConfidentialKeyEnvelope.AesKeyLength], TryReadFallbackKey());
        }
    }

    /// <summary>
    /// A stored <c>hudson.util.Secret</c> text as Jenkins' <c>Secret.fromString</c> reads it: decrypted when these keys
    /// encrypted it, else taken as the plain text.
    /// </summary>
    public string Reveal(string stored) => ExistingCipher()?.TryDecrypt(stored) ?? stored;

    /// <summary>The <c>hudson.util.Secret</c> text of a value, creating the keys when the home has none yet.</summary>
    public string Seal(string plainText) => CipherCreatingKeys().Encrypt(plainText);

    /// <summary>The HMAC key of Jenkins 2.524+ user folder names, created when absent.</summary>
    public byte[] DirNamesKey()
    {
        lock (_gate)
        {
            _dirNamesKey ??= LoadOrCreateKey(DirNamesKeyId, DirNamesKeyLength);
            return [.. _dirNamesKey];
        }
    }

    /// <summary>The HMAC key of Jenkins 2.524+ user folder names when the home has one, else null; never creates it.</summary>
    public byte[]? ExistingDirNamesKey()
    {
        lock (_gate)
        {
            _dirNamesKey ??= TryReadExistingKey(DirNamesKeyId);
            return _dirNamesKey is null ? null : [.. _dirNamesKey];
        }
    }

    /// <summary>The payload of <c>secrets/jenkins.model.Jenkins.crumbSalt</c>, created when absent.</summary>
    public byte[] CrumbSalt()
    {
        lock (_gate)
        {
            _crumbSalt ??= LoadOrCreateKey(CrumbSaltKeyId, CrumbSaltLength);
            return [.. _crumbSalt];
        }
    }

    // The payload of an existing key file, or null when the home lacks master.key or that file; creates nothing.
    // The caller holds _gate.
    private byte[]? TryReadExistingKey(string keyId)
    {
        _masterKey ??= TryReadMasterKey();
        return _masterKey is null ? null : TryReadKeyFile(_masterKey, keyId);
    }

    private byte[]? TryReadMasterKey()
    {
        var text = TryReadText(Path.Combine(_secretsFolder, MasterKeyFileName));
        return text is null ? null : ConfidentialKeyEnvelope.MasterKeyFromText(text);
    }

    private byte[]? TryReadFallbackKey()
    {
        var text = TryReadText(Path.Combine(_home, LegacySecretKeyFileName));
        return text is null ? null : ConfidentialKeyEnvelope.MasterKeyFromText(text);
    }

    private byte[]? TryReadKeyFile(byte[] masterKey, string keyId)
    {
        var path = Path.Combine(_secretsFolder, keyId);
        try
        {
            return File.Exists(path) ? ConfidentialKeyEnvelope.Unwrap(masterKey, File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? TryReadText(string path)
    {
        try
        {
            return File.Exists(path) ? StrictUtf8.GetString(File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return null;
        }
    }

    private byte[] MasterKeyCreating()
    {
        if (_masterKey is not null)
        {
            return _masterKey;
        }

        var path = Path.Combine(_secretsFolder, MasterKeyFileName);
        if (!File.Exists(path))
        {
            var text = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(MasterKeyRandomBytes));
            if (CreateOnce(path, Encoding.ASCII.GetBytes(text)))
            {
                return _masterKey = ConfidentialKeyEnvelope.MasterKeyFromText(text);
            }
        }

        string existing;
        try
        {
            existing = StrictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException e)
        {
            throw new HomeDataException($"{SecretsFolderName}/{MasterKeyFileName}", "is not UTF-8 text", inner: e);
        }

        return _masterKey = ConfidentialKeyEnvelope.MasterKeyFromText(existing);
    }

    private byte[] LoadOrCreateKey(string keyId, int length)
    {
        var path = Path.Combine(_secretsFolder, keyId);
        if (_masterKey is null && File.Exists(path) && !File.Exists(Path.Combine(_secretsFolder, MasterKeyFileName)))
        {
            // A new master.key would make this key unreadable for good; restoring the old master.key fixes it.
            throw new HomeDataException(RelativeKeyPath(keyId), $"exists but {SecretsFolderName}/{MasterKeyFileName} is missing");
        }

        var masterKey = MasterKeyCreating();
        if (!File.Exists(path))
        {
            var payload = RandomNumberGenerator.GetBytes(length);
            if (CreateOnce(path, ConfidentialKeyEnvelope.Wrap(masterKey, payload)))
            {
                return payload;
            }
        }

        // Jenkins overwrites a key file it cannot open; we refuse, because every value encrypted with it would be lost.
        return ConfidentialKeyEnvelope.Unwrap(masterKey, File.ReadAllBytes(path))
            ?? throw new HomeDataException(RelativeKeyPath(keyId), "cannot be decrypted with secrets/master.key");
    }

    private static string RelativeKeyPath(string keyId) => $"{SecretsFolderName}/{keyId}";

    // Atomic like AtomicFile.Write, but never replaces the target (false when another process created it first)
    // and creates it owner-only: a key must not change once values have been encrypted with it.
    private bool CreateOnce(string path, byte[] content)
    {
        EnsureSecretsFolder();
        var temp = Path.Combine(_secretsFolder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{AtomicFile.TempSuffix}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                WriteFaults.Check(path);
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            return AtomicFile.TryMoveToNewName(temp, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private void EnsureSecretsFolder()
    {
        if (Directory.Exists(_secretsFolder))
        {
            // As Jenkins: an existing folder keeps whatever mode its administrator gave it.
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_secretsFolder);
        }
        else
        {
            Directory.CreateDirectory(_secretsFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
