using System.Text;
using System.Text.RegularExpressions;

namespace JenkinsLite.Persistence.Secrets;

/// <summary>
/// Jenkins' AbstractItem.writeConfigDotXml for a reader without Item/Configure: every element text that is a
/// <c>hudson.util.Secret</c> value of this home (it decrypts with its keys) becomes <c>********</c>; the rest of
/// the file keeps its bytes.
/// </summary>
public static partial class SecretRedaction
{
    private const string Mask = "********";

    public static byte[] Redact(byte[] configXml, HomeSecrets secrets)
    {
        if (secrets.ExistingCipher() is not { } cipher)
        {
            return configXml; // no keys: nothing here was encrypted by this home
        }

        var text = Encoding.UTF8.GetString(configXml);
        var redacted = SecretText().Replace(text, m => cipher.TryDecrypt(m.Groups[1].Value) is null ? m.Value : ">" + Mask + "<");
        return redacted == text ? configXml : Encoding.UTF8.GetBytes(redacted);
    }

    // Jenkins' Secret.ENCRYPTED_VALUE_PATTERN between two tags: the braced form and the historical bare base64.
    [GeneratedRegex(@">(\{?[A-Za-z0-9+/]+={0,2}\}?)<")]
    private static partial Regex SecretText();
}
