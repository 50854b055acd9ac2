using JenkinsLite.Core.Builds;

namespace JenkinsLite.Core.Tests.Builds;

internal sealed class AntPatternTests
{
    [TestCase("*.txt", "a.txt", true)]
    [TestCase("*.txt", "dir/a.txt", false)]
    [TestCase("**/*.txt", "a.txt", true)]
    [TestCase("**/*.txt", "x/y/a.txt", true)]
    [TestCase("out/", "out/a/b.bin", true)]
    [TestCase("out/**", "outside.bin", false)]
    [TestCase("file?.log", "file1.log", true)]
    [TestCase("file?.log", "file12.log", false)]
    [TestCase("a.txt, b/*.jar", "b/x.jar", true)]
    [TestCase("a.(txt)", "a.(txt)", true)]
    public void Matches_Pattern_FollowsAnt(string patterns, string path, bool expected) =>
        Assert.That(new AntPattern(patterns).Matches(path), Is.EqualTo(expected));
}
