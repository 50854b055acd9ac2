using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Tests.Builds;

internal sealed class BuildDiscardingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Select_NumToKeep_KeepsNewestAndLastSuccessful()
    {
        // Arrange: newest first; #2 is the last success, #1 is kept forever
        var builds = new[]
        {
            Build(5, BuildResult.Failure), Build(4, BuildResult.Failure), Build(3, BuildResult.Failure),
            Build(2, BuildResult.Success), Build(1, BuildResult.Failure, keepLog: true),
        };

        // Act
        var (deleted, _) = BuildDiscarding.Select(builds, new BuildDiscarder(null, 2, null, null), Now);

        // Assert
        Assert.That(deleted, Is.EqualTo(new List<int> { 3 }));
    }

    [Test]
    public void Select_DaysToKeep_DeletesOlderBuilds()
    {
        // Arrange
        var builds = new[] { Build(3, BuildResult.Success, 1), Build(2, BuildResult.Failure, 5), Build(1, BuildResult.Failure, 9) };

        // Act
        var (deleted, _) = BuildDiscarding.Select(builds, new BuildDiscarder(3, -1, null, null), Now);

        // Assert
        Assert.That(deleted, Is.EqualTo(new List<int> { 2, 1 }));
    }

    private static BuildRecord Build(int number, BuildResult result, int daysAgo = 0, bool keepLog = false) =>
        new("job", number, number, Now - TimeSpan.FromDays(daysAgo), TimeSpan.Zero, result, false, [], [], [], null, keepLog);
}
