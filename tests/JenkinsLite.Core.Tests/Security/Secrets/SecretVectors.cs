namespace JenkinsLite.Core.Tests.Security.Secrets;

/// <summary>Secrets of real Jenkins homes and values encrypted with them (spec api-tokens.md 5.3).</summary>
internal static class SecretVectors
{
    // V1: Jenkins 2.141 secrets from hoto/jenkins-credentials-decryptor (test/resources/jenkins_2.141/).
    public const string V1MasterKey =
        "9b634066f344d9a0d42b08ac0d4554cdefc93a599e0d509957a6efa701b352140e67f9b202267827ffc3852dd640757541055d3c7d1f6b65ef14f46e1640c4b2b900de9d5bfaed608b940d15a250618ec10c26e25c0202925705ddd14de9ce67eb409a0f90df2221ac28b61e54a069cd2e9f5cd49e475e1b07a4abe6a49e5d45";

    public const string V1SecretFileBase64 =
        "VUtGU+btdviYN3hvXoPyKrQDly7n0t4Uo7bPRpyjXilxpaCFaLEnqrSt2/CNS2UGoGvLqsujWIw25hRWhjrrHXEv+q8/9cKuPuyDSEOD+cLxcW+Hn+8o7Qa3k2DyZkPMeebgQtuZzB41W5yboEueq7A57EEdMTlIU7M8p6TszvO35d4QSgbeSzl6aoWVzmUZPX1XLWj7uRIxVrFG7kvxCeiH9mThuP0lyjph3G5I3/zSyVv4ZS3Ohau8BN9LJzFqJb6TEvsAiomEwR9gm9qPee1NY/xHcmjPHu8hfuy99bqXXXX/cgn3GVg5z2/OFX1suk2JfuVz7dg6tuGTi1JYhCOrdVsG+N4ad0jCO2IgBMM=";

    public const string V1SecretKeyHex = "7ae552eb739fcea63c243ca05131d024";

    public const string V1Braced = "{AQAAABAAAAAgPT7JbBVgyWiivobt0CJEduLyP0lB3uyTj+D5WBvVk6jyG6BQFPYGN4Z3VJN2JLDm}";

    public const string V1Plaintext = "Drmhze6EPcv0fN_81Bj";

    // V2: built with the V1 key; the braced one with IV 00..0f.
    public const string V2Braced =
        "{AQAAABAAAAAwAAECAwQFBgcICQoLDA0OD4JmizFCm5kYxpydodfCYbfayV8Qpjx//cyW/hYEbR8cdqMmPdjJUd/bxfVA+PZMUQ==}";

    public const string V2Historical = "QgD0Y7rdA/b2HJ2WTbfCiIExYCB45+TrFCYHTkjBW9ErQs9n5zx/wkOhTbmSaf/r";

    public const string V2Plaintext = "7f1c0e9b2a4d6f8e0b1c2d3e4f5a6b7c";

    public const string V2LegacyToken = "9163993ca258d9a73a8d915637bfb8fd";

    // jenkinsci/jenkins test resource hudson/util/SecretCompatTest/canReadPreSec304Secrets: a historical value
    // Jenkins wrote and its own test reads back as "theSecret".
    public const string PreSec304MasterKey =
        "4311ab5e95e3da7b9b1360b52cac6f0f666db7b48f9f701296cc07c8f00612b451f1874e584d49560810619e8a6ff6b19f8f58ae1305c515fc62a7b60ea3a69e6058cad16b2c8df317952b749fdaaecab013431da55bb4ea4b8eee754fa043261b51a99a2b537fd57f867cdcb1e209f3bba735a8672dbfc3f10b0e2209a81683";

    public const string PreSec304SecretFileBase64 =
        "qhUVNkqH1rsmbTfsCK4mLz4E7mVkJSrxytsy+8jlBHVrnlYc1d6JY9tq5qfKGEc/qLUWRxzFICkev0NWxCCL7Wv8fR9+adwQCijOE4Pdvsp/JyLPRXlHbvZi4MZrqUIfcbLoiTf/BYP+DfMYFVOhpu5nOEels4K1Y2eF5gz2vG3JqNIKE5ofv/ChKnh52hipadvw/YVwxwFoWmSaR6FOx+hoS7I4jZE0pZZR9QSePkMTTGhzFgf5HfqGhXrRSi8jBUpp3S7iRJst8gPQwDNuYgFH3dO0hEh7FsAxXNHn7bn2UIT3DVeOgrk7K/T2pDq+GK0HtmRoT6emT2/B/W0gI0sAQsI2jM1rDXeqwTM0QFY=";

    public const string PreSec304Historical = "z/Dd3qrHdQ6/C5lR7uEafM/jD3nQDrGprw3XsfZ/0vo=";

    public const string PreSec304Plaintext = "theSecret";

    // Fixture F1's <apiToken>, whose home has no secrets/: Jenkins uses the raw text as the plaintext.
    public const string F1ApiToken =
        "{AQAAABAAAAAw8AvXsxxE6Jt2K50IPhDDvyjHHZfrrz/K3IO5tSscMI4fdCYyHD6VPs2Qk1X0mT5IGM5eAD7k82zGokZJuMGpgw==}";

    public static byte[] V1SecretKey => Convert.FromHexString(V1SecretKeyHex);
}
