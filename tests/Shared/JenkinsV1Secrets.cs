namespace JenkinsLite.Tests.Shared;

/// <summary>
/// The secrets/ of a real Jenkins 2.141 home (api-tokens.md 5.3, V1; from hoto/jenkins-credentials-decryptor),
/// for the test projects that put them on disk.
/// </summary>
internal static class JenkinsV1Secrets
{
    public const string MasterKey =
        "9b634066f344d9a0d42b08ac0d4554cdefc93a599e0d509957a6efa701b352140e67f9b202267827ffc3852dd640757541055d3c7d1f6b65ef14f46e1640c4b2b900de9d5bfaed608b940d15a250618ec10c26e25c0202925705ddd14de9ce67eb409a0f90df2221ac28b61e54a069cd2e9f5cd49e475e1b07a4abe6a49e5d45";

    public const string SecretFileBase64 =
        "VUtGU+btdviYN3hvXoPyKrQDly7n0t4Uo7bPRpyjXilxpaCFaLEnqrSt2/CNS2UGoGvLqsujWIw25hRWhjrrHXEv+q8/9cKuPuyDSEOD+cLxcW+Hn+8o7Qa3k2DyZkPMeebgQtuZzB41W5yboEueq7A57EEdMTlIU7M8p6TszvO35d4QSgbeSzl6aoWVzmUZPX1XLWj7uRIxVrFG7kvxCeiH9mThuP0lyjph3G5I3/zSyVv4ZS3Ohau8BN9LJzFqJb6TEvsAiomEwR9gm9qPee1NY/xHcmjPHu8hfuy99bqXXXX/cgn3GVg5z2/OFX1suk2JfuVz7dg6tuGTi1JYhCOrdVsG+N4ad0jCO2IgBMM=";

    /// <summary>Writes secrets/master.key and secrets/hudson.util.Secret below <paramref name="homeRoot"/>.</summary>
    public static void WriteTo(string homeRoot)
    {
        var secrets = Directory.CreateDirectory(Path.Combine(homeRoot, "secrets")).FullName;
        File.WriteAllText(Path.Combine(secrets, "master.key"), MasterKey);
        File.WriteAllBytes(Path.Combine(secrets, "hudson.util.Secret"), Convert.FromBase64String(SecretFileBase64));
    }
}
