using JenkinsLite.Core.Builds;

namespace JenkinsLite.Core.Tests.Builds;

internal sealed class BuildTrendTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    // Results oldest first, as one reads a job's history; 'R' is a build still running.
    [TestCase("", null, null)]
    [TestCase("R", null, null)]
    [TestCase("SSS", 100, "Build stability: No recent builds failed.")]
    [TestCase("SSSR", 100, "Build stability: No recent builds failed.")]
    [TestCase("AA", 100, "Build stability: No recent builds failed.")]
    [TestCase("F", 0, "Build stability: All recent builds failed.")]
    [TestCase("SSSSF", 80, "Build stability: 1 out of the last 5 builds failed.")]
    [TestCase("FFFFS", 20, "Build stability: 4 out of the last 5 builds failed.")]
    [TestCase("FSU", 66, "Build stability: 1 out of the last 3 builds failed.")]
    [TestCase("SFFFFFF", 0, "Build stability: All recent builds failed.")]
    [TestCase("SAFA", 66, "Build stability: 1 out of the last 3 builds failed.")] // the aborted build after the failure counts, the one before not
    [TestCase("SFSSSSSS", 100, "Build stability: No recent builds failed.")]
    public void Stability_AsJenkinsBuildStabilityReport(string results, int? score, string? description)
    {
        // Arrange
        var builds = History(results.Select(r => (r, 1000)).ToArray());

        // Act
        var health = BuildTrend.Stability(builds);

        // Assert
        Assert.That(health, Is.EqualTo(score is null ? null : new BuildHealth(score.Value, description!)));
    }

    [TestCase(0, 20, 0)]
    [TestCase(5, 20, 25)]
    [TestCase(19.9, 20, 99)]
    [TestCase(60, 20, 99)]
    public void Progress_ShareOfTheEstimate_HeldAt99_AsJenkinsExecutor(double elapsedSeconds, int estimateSeconds, int expected) =>
        Assert.That(BuildTrend.Progress(TimeSpan.FromSeconds(elapsedSeconds), TimeSpan.FromSeconds(estimateSeconds)), Is.EqualTo(expected));

    [Test]
    public void Progress_NoEstimate_IsNull() => Assert.That(BuildTrend.Progress(TimeSpan.FromSeconds(3), null), Is.Null);

    [TestCase(0, HealthWeather.Stormy)]
    [TestCase(20, HealthWeather.Stormy)]
    [TestCase(21, HealthWeather.Raining)]
    [TestCase(60, HealthWeather.Cloudy)]
    [TestCase(66, HealthWeather.PartlyCloudy)]
    [TestCase(81, HealthWeather.Sunny)]
    public void Weather_FollowsTheScoreInJenkinsSteps(int score, HealthWeather expected) =>
        Assert.That(new BuildHealth(score, string.Empty).Weather, Is.EqualTo(expected));

    [Test]
    public void EstimatedDuration_NoBuilds_IsNull()
    {
        // Act
        var estimate = BuildTrend.EstimatedDuration([]);

        // Assert
        Assert.That(estimate, Is.Null);
    }

    [Test]
    public void EstimatedDuration_LastSuccessfulAndTwoMoreSuccessfulOrUnstable()
    {
        // Arrange: the oldest success is the fourth candidate and is not counted
        var builds = History(('S', 9000), ('S', 1000), ('U', 2000), ('F', 100), ('S', 3000), ('R', 0));

        // Act
        var estimate = BuildTrend.EstimatedDuration(builds);

        // Assert
        Assert.That(estimate, Is.EqualTo(TimeSpan.FromMilliseconds(2000)));
    }

    [Test]
    public void EstimatedDuration_TooFewSuccesses_ToppedUpWithFailuresNotAborts()
    {
        // Arrange
        var builds = History(('F', 4000), ('A', 50_000), ('F', 1000), ('S', 1001));

        // Act
        var estimate = BuildTrend.EstimatedDuration(builds);

        // Assert: (1001 + 1000 + 4000) / 3 rounded half up
        Assert.That(estimate, Is.EqualTo(TimeSpan.FromMilliseconds(2000)));
    }

    [Test]
    public void EstimatedDuration_OnlyBeyondTheLastSixBuilds_CountsTheLastSuccessfulAlone()
    {
        // Arrange
        var builds = History(('S', 3000), ('A', 1), ('A', 1), ('A', 1), ('A', 1), ('A', 1), ('A', 1));

        // Act
        var estimate = BuildTrend.EstimatedDuration(builds);

        // Assert
        Assert.That(estimate, Is.EqualTo(TimeSpan.FromMilliseconds(3000)));
    }

    [Test]
    public void EstimatedDuration_AllTookNoTime_IsNull()
    {
        // Arrange
        var builds = History(('S', 0), ('S', 0));

        // Act
        var estimate = BuildTrend.EstimatedDuration(builds);

        // Assert
        Assert.That(estimate, Is.Null);
    }

    // Builds numbered from 1, returned newest first as the records keep them.
    private static List<BuildRecord> History(params (char Result, int Milliseconds)[] oldestFirst) =>
        [.. oldestFirst.Select((b, i) => new BuildRecord("job", i + 1, i + 1, Start.AddMinutes(i), TimeSpan.FromMilliseconds(b.Milliseconds),
            b.Result switch
            {
                'S' => BuildResult.Success,
                'U' => BuildResult.Unstable,
                'F' => BuildResult.Failure,
                'A' => BuildResult.Aborted,
                _ => null,
            },
            b.Result == 'R', [], [], [], null, false)).Reverse()];
}
