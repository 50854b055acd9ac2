using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

/// <summary>The write-behind buffer the token usage statistics and the token addresses share.</summary>
internal sealed class UserDataBufferTests
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, int>> _saved = new(StringComparer.Ordinal);
    private Exception? _saveFailure;
    private int _saves;

    [SetUp]
    public void Reset()
    {
        _saved.Clear();
        _saveFailure = null;
        _saves = 0;
    }

    [Test]
    public void Change_IsWrittenAtTheNextFlushOnly_AndOnce()
    {
        // Arrange
        var buffer = NewBuffer();

        // Act
        buffer.Change("alice", "t1", static (entries, key) => (0, entries.TryAdd(key, 1)));
        var beforeFlush = _saves;
        buffer.Flush();
        buffer.Flush();

        // Assert
        Assert.That(beforeFlush, Is.Zero);
        Assert.That(_saves, Is.EqualTo(1));
        Assert.That(_saved["alice"]["t1"], Is.EqualTo(1));
    }

    [Test]
    public void NoChange_IsNotWritten()
    {
        var buffer = NewBuffer();

        var found = buffer.Change("alice", "t1", static (entries, key) => (entries.ContainsKey(key), false));
        buffer.Flush();

        Assert.That(found, Is.False);
        Assert.That(_saves, Is.Zero);
    }

    [Test]
    public void FailedWrite_IsOneIOExceptionNamingTheData_AndIsTriedAgain()
    {
        // Arrange
        var buffer = NewBuffer();
        buffer.Change("alice", "t1", static (entries, key) => (0, entries.TryAdd(key, 1)));
        _saveFailure = new UnauthorizedAccessException("read-only (test)");

        // Act
        var failure = Assert.Throws<IOException>(buffer.Flush);
        _saveFailure = null;
        buffer.Flush();

        // Assert
        Assert.That(failure!.Message, Is.EqualTo("The test entries of 1 user(s) could not be written."));
        Assert.That(_saved["alice"]["t1"], Is.EqualTo(1));
    }

    [Test]
    public void Entries_AreLoadedOnce_AndForgottenUsersLoadAgain()
    {
        // Arrange
        _saved["alice"] = new Dictionary<string, int> { ["t1"] = 7 };
        var buffer = NewBuffer();

        // Act
        var loaded = buffer.Read("alice", entries => entries["t1"]);
        _saved["alice"] = new Dictionary<string, int> { ["t1"] = 8 };
        var cached = buffer.Read("ALICE", entries => entries["t1"]);
        buffer.Forget("alice", null);
        var reloaded = buffer.Read("alice", entries => entries["t1"]);

        // Assert
        Assert.That((loaded, cached, reloaded), Is.EqualTo((7, 7, 8)));
    }

    private UserDataBuffer<int> NewBuffer() => new(
        user => _saved.GetValueOrDefault(user) ?? new Dictionary<string, int>(),
        (user, entries) =>
        {
            if (_saveFailure is not null)
            {
                throw _saveFailure;
            }

            _saves++;
            _saved[user] = entries;
        },
        "test entries");
}
