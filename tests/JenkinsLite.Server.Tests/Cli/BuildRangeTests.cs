using JenkinsLite.Core.Builds;
using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Cli.Commands;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>The RANGE of delete-builds and list-changes, against Jenkins' RangeSet.fromString.</summary>
internal sealed class BuildRangeTests
{
    private static readonly List<BuildRecord> Builds = [.. Enumerable.Range(1, 9).Reverse().Select(n => new BuildRecord("job", n, n,
        DateTimeOffset.UnixEpoch, TimeSpan.Zero, BuildResult.Success, false, [], [], [], null, false))];

    [TestCase("3", new[] { 3 })]
    [TestCase("2-4", new[] { 2, 3, 4 })]
    [TestCase("7,1-2", new[] { 7, 1, 2 })]
    [TestCase(" 5 , 8-9 ", new[] { 5, 8, 9 })]
    [TestCase("8-20", new[] { 8, 9 })]
    [TestCase("42", new int[0])]
    public void Of_PicksExistingBuildsRangeByRangeOldestFirst(string text, int[] expected)
    {
        // Act
        var picked = BuildRange.Parse(text).Of(Builds).Select(b => b.Number);

        // Assert
        Assert.That(picked, Is.EqualTo(expected));
    }

    [TestCase("1--3", "expected correct notation M,N or M-N")]
    [TestCase("1,,3", "expected correct notation M,N or M-N")]
    [TestCase(",1,2", "expected correct notation M,N or M-N")]
    [TestCase("1-2-3", "expected correct notation M,N or M-N")]
    [TestCase("5-2", "expected string with a range M-N where M<N")]
    [TestCase("-5", "expected string with a range M-N")]
    [TestCase("x", "expected number")]
    [TestCase("1-y", "expected number")]
    [TestCase(" ", "expected number")]
    public void Parse_Malformed_IsExitThreeWithJenkinsMessage(string text, string expected)
    {
        // Act
        var problem = Assert.Throws<CliException>(() => BuildRange.Parse(text));

        // Assert
        Assert.That((problem!.ExitCode, problem.Message), Is.EqualTo((3, $"Unable to parse '{text}', {expected}")));
    }
}
