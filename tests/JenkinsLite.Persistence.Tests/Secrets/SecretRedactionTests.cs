using System.Text;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Persistence.Tests.Home;

namespace JenkinsLite.Persistence.Tests.Secrets;

/// <summary>config.xml for a reader without Item/Configure: only this home's encrypted values are masked.</summary>
internal sealed class SecretRedactionTests
{
    [Test]
    public void Redact_MasksOnlyValuesThisHomeEncrypted_KeepsEveryOtherByte()
    {
        // Arrange
        using var home = TempHome.Empty();
        var secrets = new HomeSecrets(home.Home);
        var sealedText = secrets.Seal("hunter2");
        var xml = $"<project>\n  <a>{sealedText}</a>\n  <b>{{AQAAABAAAAAQnotfromthishome0000000000000=}}</b>\n  <name>FOO</name>\n</project>";

        // Act
        var redacted = Encoding.UTF8.GetString(SecretRedaction.Redact(Encoding.UTF8.GetBytes(xml), secrets));

        // Assert
        Assert.That(redacted, Is.EqualTo(xml.Replace(sealedText, "********", StringComparison.Ordinal)));
    }

    [Test]
    public void Redact_HomeWithoutKeys_ReturnsTheSameBytes()
    {
        using var home = TempHome.Empty();
        var bytes = Encoding.UTF8.GetBytes("<project><a>{AQAAABAAAAAQ}</a></project>");

        Assert.That(SecretRedaction.Redact(bytes, new HomeSecrets(home.Home)), Is.SameAs(bytes));
        Assert.That(Directory.Exists(home.PathOf("secrets")), Is.False, "reading creates no keys");
    }
}
