namespace JenkinsLite.Cli.Tests.Protocol;

/// <summary>Byte strings written as in cli-transcripts.md ("00 00 00 0a 00 ...").</summary>
internal static class Hex
{
    public static byte[] Bytes(string spaced) => Convert.FromHexString(spaced.Replace(" ", string.Empty, StringComparison.Ordinal));
}
