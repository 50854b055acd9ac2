namespace JenkinsLite.Tests.Shared;

/// <summary>
/// The composed V3 home of api-tokens.md: the user file of 3.2 (alice) beside the real Jenkins 2.141 secrets
/// of 5.3 (<see cref="JenkinsV1Secrets"/>) that its &lt;apiToken&gt; ciphertext was made with, and the
/// credentials Jenkins accepts there. Persistence.Tests and Server.Tests both load this home; both link this
/// one file (tests/Shared), so their copies cannot drift apart.
/// </summary>
internal static class ComposedV3Home
{
    public const string UserId = "alice";

    /// <summary>The bcrypt password of alice's file.</summary>
    public const string Password = "passwordpassword";

    /// <summary>alice's &lt;apiToken&gt;: <see cref="LegacyPlainSecret"/> encrypted with <see cref="JenkinsV1Secrets"/>.</summary>
    public const string ApiTokenCiphertext =
        "{AQAAABAAAAAwAAECAwQFBgcICQoLDA0OD4JmizFCm5kYxpydodfCYbfayV8Qpjx//cyW/hYEbR8cdqMmPdjJUd/bxfVA+PZMUQ==}";

    public const string LegacyPlainSecret = "7f1c0e9b2a4d6f8e0b1c2d3e4f5a6b7c";

    /// <summary>The legacy token a user types: MD5 of <see cref="LegacyPlainSecret"/>; its entry is version 10.</summary>
    public const string LegacyToken = "9163993ca258d9a73a8d915637bfb8fd";
    public const string LegacyUuid = "5a0c6a49-2b8f-4f3e-9c1d-7e2b4f6a8c10";
    public const string LegacyJenkinsHash = "1abdc5f18683403ee308a02433f683181bbcc2a3ca1ee9d1fc265ec772abb805";

    /// <summary>The gold version 11 token of api-tokens.md 5.2 ("ci-bot").</summary>
    public const string GoldToken = "1147c3b70068c7b5573342ebb6ddc7f6ae";
    public const string GoldUuid = "d987d752-b057-430e-b701-622872e79196";
    public const string GoldJenkinsHash = "ff550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627f";

    /// <summary>A fixed token whose entry expires on 2026-03-03 (2.548+).</summary>
    public const string ExpiredToken = "110123456789abcdef0123456789abcdef";
    public const string ExpiredUuid = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

    /// <summary>api-tokens.md 3.2, the composed example, verbatim.</summary>
    public const string AliceConfigXml = """
        <?xml version='1.1' encoding='UTF-8'?>
        <user>
          <version>10</version>
          <id>alice</id>
          <fullName>Alice Example</fullName>
          <description></description>
          <properties>
            <jenkins.security.ApiTokenProperty>
              <apiToken>{AQAAABAAAAAwAAECAwQFBgcICQoLDA0OD4JmizFCm5kYxpydodfCYbfayV8Qpjx//cyW/hYEbR8cdqMmPdjJUd/bxfVA+PZMUQ==}</apiToken>
              <tokenStore>
                <tokenList>
                  <jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                    <uuid>5a0c6a49-2b8f-4f3e-9c1d-7e2b4f6a8c10</uuid>
                    <name>Legacy Token</name>
                    <value>
                      <version>10</version>
                      <hash>1abdc5f18683403ee308a02433f683181bbcc2a3ca1ee9d1fc265ec772abb805</hash>
                    </value>
                  </jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                  <jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                    <uuid>d987d752-b057-430e-b701-622872e79196</uuid>
                    <name>ci-bot</name>
                    <creationDate>2022-08-18 09:50:55.535 UTC</creationDate>
                    <value>
                      <version>11</version>
                      <hash>ff550856862dbee0eb2534d03d4cd9b7a71b2ca35a53e1c1876b4eccfc1e627f</hash>
                    </value>
                  </jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                  <jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                    <uuid>0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0</uuid>
                    <name>deploy (expiring, 2.548+)</name>
                    <creationDate>2026-02-01 10:00:00.7 UTC</creationDate>
                    <expirationDate>2026-03-03</expirationDate>
                    <value>
                      <version>11</version>
                      <hash>3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9</hash>
                    </value>
                  </jenkins.security.apitoken.ApiTokenStore_-HashedToken>
                </tokenList>
              </tokenStore>
            </jenkins.security.ApiTokenProperty>
            <hudson.security.HudsonPrivateSecurityRealm_-Details>
              <passwordHash>#jbcrypt:$2a$10$Nm37vwdZwJ5T2QTBwYuBYONHD3qKilgd5UO7wuDXI83z5dAdrgi4i</passwordHash>
            </hudson.security.HudsonPrivateSecurityRealm_-Details>
            <jenkins.security.seed.UserSeedProperty>
              <seed>ec31fd374346de1e</seed>
            </jenkins.security.seed.UserSeedProperty>
            <jenkins.security.LastGrantedAuthoritiesProperty>
              <roles>
                <string>authenticated</string>
              </roles>
              <timestamp>1519747754731</timestamp>
            </jenkins.security.LastGrantedAuthoritiesProperty>
            <hudson.search.UserSearchProperty>
              <insensitiveSearch>true</insensitiveSearch>
            </hudson.search.UserSearchProperty>
          </properties>
        </user>
        """;

    /// <summary>Writes the V1 secrets and alice's config.xml below <paramref name="homeRoot"/> (UTF-8 without BOM, as Jenkins writes).</summary>
    public static void WriteTo(string homeRoot)
    {
        JenkinsV1Secrets.WriteTo(homeRoot);
        var alice = Directory.CreateDirectory(Path.Combine(homeRoot, "users", UserId)).FullName;
        File.WriteAllText(Path.Combine(alice, "config.xml"), AliceConfigXml);
    }
}
