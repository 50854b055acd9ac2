using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Persistence.Tests.Home;
using JenkinsLite.Persistence.Users;

namespace JenkinsLite.Persistence.Tests.Users;

/// <summary>users/&lt;dir&gt;/apiTokenStats.xml in Jenkins' shape (api-tokens.md 1.5 and 3.4).</summary>
internal sealed class JenkinsUserRepositoryStatsTests
{
    private const string Entry = "jenkins.security.apitoken.ApiTokenStats_-SingleTokenStats";

    private TempHome _home = null!;
    private JenkinsUserRepository _repository = null!;

    [SetUp]
    public void LoadF2()
    {
        _home = TempHome.CopyOf(TempHome.F2);
        _repository = _home.UserRepository();
        _repository.LoadAll();
    }

    [TearDown]
    public void DeleteHome()
    {
        _home.Dispose();
    }

    private string StatsPath => _home.PathOf("users", JenkinsHomeData.F2UserFolder, "apiTokenStats.xml");

    private void WriteStats(params string[] entries) =>
        File.WriteAllText(StatsPath,
            "<?xml version='1.1' encoding='UTF-8'?>\n<jenkins.security.apitoken.ApiTokenStats>\n  <tokenStats>\n"
            + string.Concat(entries.Select(e => $"    <{Entry}>\n{e}\n    </{Entry}>\n"))
            + "  </tokenStats>\n</jenkins.security.apitoken.ApiTokenStats>");

    private static string Stat(string uuid, string? lastUse, string counter) =>
        $"      <tokenUuid>{uuid}</tokenUuid>\n"
        + (lastUse is null ? string.Empty : $"      <lastUseDate>{lastUse}</lastUseDate>\n")
        + $"      <useCounter>{counter}</useCounter>";

    private static DateTimeOffset Utc(int day, int hour, int ms = 0) => new(2022, 9, day, hour, 0, 0, ms, TimeSpan.Zero);

    [Test]
    public void LoadTokenStats_JenkinsFile_CountsAndUnpaddedMilliseconds()
    {
        // Arrange
        WriteStats(Stat("d987d752-b057-430e-b701-622872e79196", "2022-09-01 07:12:03.41 UTC", "42"));

        // Act
        var stats = _repository.LoadTokenStats("user");

        // Assert
        Assert.That(stats["d987d752-b057-430e-b701-622872e79196"],
            Is.EqualTo(new TokenUsage(42, new DateTimeOffset(2022, 9, 1, 7, 12, 3, 41, TimeSpan.Zero))));
    }

    // "a" lists the winner first and "b" last: which entry wins must not depend on the order in the file.
    [TestCase("2022-09-02 10:00:00.0 UTC", "3", "2022-09-01 10:00:00.0 UTC", "50", 3, 2,
        TestName = "LoadTokenStats_DuplicateUuid_LatestDateWinsEvenWithLowerCounter")]
    [TestCase("2022-09-01 10:00:00.0 UTC", "7", "2022-09-01 10:00:00.0 UTC", "3", 7, 1,
        TestName = "LoadTokenStats_DuplicateUuidSameDate_HigherCounterWins")]
    public void LoadTokenStats_DuplicateUuid_OneEntryWinsInEitherOrder(
        string winnerDate, string winnerCounter, string loserDate, string loserCounter, int expectedCount, int expectedDay)
    {
        // Arrange
        WriteStats(
            Stat("a", winnerDate, winnerCounter),
            Stat("a", loserDate, loserCounter),
            Stat("b", loserDate, loserCounter),
            Stat("b", winnerDate, winnerCounter));

        // Act
        var stats = _repository.LoadTokenStats("user");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stats["a"], Is.EqualTo(new TokenUsage(expectedCount, Utc(expectedDay, 10))));
            Assert.That(stats["b"], Is.EqualTo(new TokenUsage(expectedCount, Utc(expectedDay, 10))));
        });
    }

    [Test]
    public void LoadTokenStats_DuplicateUuidOneWithoutDate_DatedOneWins()
    {
        // Arrange: a missing date counts as the oldest.
        WriteStats(Stat("a", null, "9"), Stat("a", "2022-09-01 10:00:00.0 UTC", "1"));

        // Act
        var stats = _repository.LoadTokenStats("user");

        // Assert
        Assert.That(stats["a"], Is.EqualTo(new TokenUsage(1, Utc(1, 10))));
    }

    [Test]
    public void LoadTokenStats_NegativeCounter_Zero()
    {
        // Arrange
        WriteStats(Stat("a", "2022-09-01 10:00:00.0 UTC", "-4"));

        // Act, Assert
        Assert.That(_repository.LoadTokenStats("user")["a"].UseCount, Is.Zero);
    }

    [Test]
    public void LoadTokenStats_EntryWithoutUuid_Skipped()
    {
        // Arrange
        WriteStats(Stat(string.Empty, "2022-09-01 10:00:00.0 UTC", "4"), Stat("a", null, "1"));

        // Act, Assert
        Assert.That(string.Join(",", _repository.LoadTokenStats("user").Keys), Is.EqualTo("a"));
    }

    [TestCase("<?xml version='1.1' encoding='UTF-8'?>\n<jenkins.security.apitoken.ApiTokenStats>\n  <tokenStats>\n    <jenk")]
    [TestCase("not xml at all")]
    [TestCase("")]
    public void LoadTokenStats_CorruptFile_Empty(string content)
    {
        // Arrange
        File.WriteAllText(StatsPath, content);

        // Act, Assert
        Assert.That(_repository.LoadTokenStats("user"), Is.Empty);
    }

    [Test]
    public void LoadTokenStats_ImpossibleDate_DoesNotThrow()
    {
        // Arrange: a damaged stats file must only cost the counts, never the login.
        WriteStats(Stat("a", "2022-02-30 10:00:00.0 UTC", "4"));

        // Act, Assert
        Assert.DoesNotThrow(() => _repository.LoadTokenStats("user"));
    }

    [Test]
    public void LoadTokenStats_NoFile_Empty()
    {
        Assert.That(_repository.LoadTokenStats("user"), Is.Empty);
    }

    [Test]
    public void SaveTokenStats_OneEntry_JenkinsFileExactly()
    {
        // Arrange
        var stats = new Dictionary<string, TokenUsage>
        {
            ["d987d752-b057-430e-b701-622872e79196"] = new(42, new DateTimeOffset(2022, 9, 1, 7, 12, 3, 41, TimeSpan.Zero)),
        };

        // Act
        _repository.SaveTokenStats("user", stats);

        // Assert: byte for byte the example of api-tokens.md 3.4.
        Assert.That(File.ReadAllText(StatsPath), Is.EqualTo("""
            <?xml version='1.1' encoding='UTF-8'?>
            <jenkins.security.apitoken.ApiTokenStats>
              <tokenStats>
                <jenkins.security.apitoken.ApiTokenStats_-SingleTokenStats>
                  <tokenUuid>d987d752-b057-430e-b701-622872e79196</tokenUuid>
                  <lastUseDate>2022-09-01 07:12:03.41 UTC</lastUseDate>
                  <useCounter>42</useCounter>
                </jenkins.security.apitoken.ApiTokenStats_-SingleTokenStats>
              </tokenStats>
            </jenkins.security.apitoken.ApiTokenStats>
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void SaveTokenStatsThenLoad_SeveralEntries_RoundTrip()
    {
        // Arrange
        var stats = new Dictionary<string, TokenUsage>
        {
            ["a"] = new(1, Utc(1, 10, 5)),
            ["b"] = new(0, null),
            ["c"] = new(int.MaxValue, Utc(3, 23, 999)),
        };

        // Act
        _repository.SaveTokenStats("USER", stats);
        var loaded = _home.UserRepository();
        loaded.LoadAll();

        // Assert
        Assert.That(loaded.LoadTokenStats("user"), Is.EquivalentTo(stats));
    }

    [Test]
    public void SaveTokenStats_UnknownUser_NothingWritten()
    {
        // Act
        _repository.SaveTokenStats("nobody", new Dictionary<string, TokenUsage> { ["a"] = new(1, null) });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(_home.PathOf("users"), "apiTokenStats.xml", SearchOption.AllDirectories), Is.Empty);
            Assert.That(_repository.LoadTokenStats("nobody"), Is.Empty);
        });
    }

    [Test]
    public async Task Flush_AfterTokenUse_StatsFileWrittenAndConfigUntouched()
    {
        // Arrange
        var configPath = _home.PathOf("users", JenkinsHomeData.F2UserFolder, "config.xml");
        using var accounts = _repository.LoadAccounts();
        var token = accounts.GenerateToken("user", "ci", null).Token!;
        var configAfterGenerate = File.ReadAllBytes(configPath);
        await accounts.AuthenticateAsync("user", token.PlainValue, passwordsAllowed: false);
        await accounts.AuthenticateAsync("user", token.PlainValue, passwordsAllowed: false);

        // Act
        accounts.Usage.Flush();

        // Assert: authenticating never rewrites config.xml (only the stats file).
        Assert.Multiple(() =>
        {
            Assert.That(_repository.LoadTokenStats("user")[token.Uuid].UseCount, Is.EqualTo(2));
            Assert.That(File.ReadAllBytes(configPath), Is.EqualTo(configAfterGenerate));
        });
    }
}
