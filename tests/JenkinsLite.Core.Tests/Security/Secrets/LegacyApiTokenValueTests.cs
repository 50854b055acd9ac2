using JenkinsLite.Core.Security.Secrets;

namespace JenkinsLite.Core.Tests.Security.Secrets;

internal sealed class LegacyApiTokenValueTests
{
    [TestCase(SecretVectors.V2Plaintext, SecretVectors.V2LegacyToken)]
    [TestCase(SecretVectors.F1ApiToken, "7be8e81ad5a350fa3f3e2acfae4adb14")]
    [TestCase("qykj8q6EqvMg9LPu+lCqLiXBZvEVdCTWoYJwmicXgH+yh1ZUm85iHe29grd+g3QG", "38f15cf43a3ba7b5ecdbd4514a43d3ea")]
    [TestCase("{AQAAABAAAAAwu9tm9n3SIC+bkaGz5WfsKwJz+a04aUUWiq4hACNLemh6f62j2cgIT9KuyMGtXvr7ab6GWBQGzThOrJfK1etETQ==}", "59fad5a978d6651cc38ce251242719bb")]
    public void FromPlainSecret_KnownSecret_ReturnsJenkinsToken(string plaintext, string expected)
    {
        Assert.That(LegacyApiTokenValue.FromPlainSecret(plaintext), Is.EqualTo(expected));
    }

    [Test]
    public void FromPlainSecret_BracedV2Vector_ChainsToLegacyToken()
    {
        var plain = new SecretCipher(SecretVectors.V1SecretKey).TryDecrypt(SecretVectors.V2Braced);

        Assert.That(plain, Is.Not.Null);
        Assert.That(LegacyApiTokenValue.FromPlainSecret(plain!), Is.EqualTo(SecretVectors.V2LegacyToken));
    }

    [Test]
    public void NewRandomPlainSecret_Always_Is32LowercaseHexAndFresh()
    {
        var first = LegacyApiTokenValue.NewRandomPlainSecret();
        var second = LegacyApiTokenValue.NewRandomPlainSecret();

        Assert.That(first, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(second, Does.Match("^[0-9a-f]{32}$").And.Not.EqualTo(first));
    }
}
