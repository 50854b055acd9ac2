using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Tests.Xml;

internal sealed class XStreamDateTests
{
    private static DateTimeOffset At(int milliseconds) => new(2022, 8, 18, 9, 50, 55, milliseconds, TimeSpan.Zero);

    [TestCase(535, "2022-08-18 09:50:55.535 UTC")]
    [TestCase(50, "2022-08-18 09:50:55.50 UTC")]
    [TestCase(5, "2022-08-18 09:50:55.5 UTC")]
    [TestCase(0, "2022-08-18 09:50:55.0 UTC")]
    public void Format_Milliseconds_UnpaddedCountAsJava(int milliseconds, string expected)
    {
        Assert.That(XStreamDate.Format(At(milliseconds)), Is.EqualTo(expected));
    }

    [Test]
    public void Format_OtherOffset_WrittenInUtc()
    {
        // Arrange
        var local = new DateTimeOffset(2022, 8, 18, 11, 50, 55, 534, TimeSpan.FromHours(2));

        // Act, Assert
        Assert.That(XStreamDate.Format(local), Is.EqualTo("2022-08-18 09:50:55.534 UTC"));
    }

    [TestCase("2022-08-18 09:50:55.5 UTC", 5)]
    [TestCase("2022-08-18 09:50:55.50 UTC", 50)]
    [TestCase("2022-08-18 09:50:55.41 UTC", 41)]
    [TestCase("2022-08-18 09:50:55.535 UTC", 535)]
    [TestCase("2022-08-18 09:50:55.050 UTC", 50)]
    [TestCase("2022-08-18 09:50:55 UTC", 0)]
    public void TryParse_XStreamForm_MillisecondsAreACount(string text, int milliseconds)
    {
        Assert.That(XStreamDate.TryParse(text), Is.EqualTo(At(milliseconds)));
    }

    [Test]
    public void TryParse_StatsFileExample_41Milliseconds()
    {
        // Act: the lastUseDate of api-tokens.md 3.4.
        var parsed = XStreamDate.TryParse("2022-09-01 07:12:03.41 UTC");

        // Assert
        Assert.That(parsed, Is.EqualTo(new DateTimeOffset(2022, 9, 1, 7, 12, 3, 41, TimeSpan.Zero)));
    }

    [Test]
    public void TryParse_SurroundingWhitespace_Parsed()
    {
        Assert.That(XStreamDate.TryParse("\n  2022-08-18 09:50:55.535 UTC\n"), Is.EqualTo(At(535)));
    }

    [Test]
    public void TryParse_NumericOffset_ConvertedToUtc()
    {
        Assert.That(XStreamDate.TryParse("2022-08-18 11:50:55.535 +02:00"), Is.EqualTo(At(535)));
    }

    [Test]
    public void TryParse_Iso8601_Parsed()
    {
        Assert.That(XStreamDate.TryParse("2022-08-18T09:50:55.535Z"), Is.EqualTo(At(535)));
    }

    [TestCase(535)]
    [TestCase(50)]
    [TestCase(5)]
    [TestCase(0)]
    [TestCase(999)]
    public void FormatThenTryParse_RoundTrips(int milliseconds)
    {
        Assert.That(XStreamDate.TryParse(XStreamDate.Format(At(milliseconds))), Is.EqualTo(At(milliseconds)));
    }

    [Test]
    public void TryParse_Result_IsUtc()
    {
        Assert.That(XStreamDate.TryParse("2022-08-18 09:50:55.5 UTC")!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("yesterday")]
    [TestCase("2022-08-18 09:50:55.5.5 UTC")]
    public void TryParse_NotADate_Null(string? text)
    {
        Assert.That(XStreamDate.TryParse(text), Is.Null);
    }

    [TestCase("2022-02-30 10:00:00.0 UTC")]
    [TestCase("2022-13-01 10:00:00.0 UTC")]
    [TestCase("2022-08-18 25:00:00.0 UTC")]
    [TestCase("2022-08-18 09:61:00 UTC")]
    public void TryParse_ImpossibleDateInXStreamShape_NullNotAnException(string text)
    {
        // A hand-edited or damaged file must not make reading a user (or the whole users folder) throw.
        DateTimeOffset? parsed = DateTimeOffset.MinValue;
        Assert.DoesNotThrow(() => parsed = XStreamDate.TryParse(text));
        Assert.That(parsed, Is.Null);
    }
}
