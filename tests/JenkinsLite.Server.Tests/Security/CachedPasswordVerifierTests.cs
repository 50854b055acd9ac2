using JenkinsLite.Core.Security.Passwords;
using JenkinsLite.Server.Security;
using Microsoft.Extensions.Time.Testing;

namespace JenkinsLite.Server.Tests.Security;

/// <summary>At most one hash per distinct password per cache window, and never a wait for a remembered one (issue 13).</summary>
internal sealed class CachedPasswordVerifierTests
{
    private static readonly string Stored = PasswordHash.HashNew("s3cret");

    [Test]
    public async Task VerifyAsync_SamePasswordQueuedBehindItsFirstCheck_OneHashAnswersThemAll()
    {
        // Arrange: the first check holds the only slot while the others queue behind it.
        using var hashes = new BlockingHashes(held: true);
        var hashed = 0;
        using var limiter = new PasswordHashLimiter(1, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        using var verifier = new CachedPasswordVerifier(limiter, (stored, password) =>
            hashes.Run(() => Interlocked.Increment(ref hashed) > 0 && PasswordHash.Verify(stored, password)));
        var first = Task.Run(() => verifier.VerifyAsync(Stored, "s3cret", CancellationToken.None).AsTask());
        await hashes.WaitUntilRunningAsync(1);
        var queued = Enumerable.Range(0, 5).Select(_ => verifier.VerifyAsync(Stored, "s3cret", CancellationToken.None).AsTask()).ToList();

        // Act
        hashes.Release();
        var results = await Task.WhenAll(queued.Prepend(first)).WaitAsync(BlockingHashes.TestDeadline);
        var later = verifier.VerifyAsync(Stored, "s3cret", CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(results, Is.All.EqualTo(PasswordCheck.Match));
            Assert.That(hashed, Is.EqualTo(1));
            Assert.That(later.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    public async Task VerifyAsync_WrongPassword_HashedEveryTime()
    {
        // Arrange: failures are never remembered, so guessing gets no faster.
        var hashed = 0;
        using var limiter = new PasswordHashLimiter(1, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        using var verifier = new CachedPasswordVerifier(limiter, (stored, password) => Interlocked.Increment(ref hashed) > 0 && PasswordHash.Verify(stored, password));

        // Act
        var results = new[]
        {
            await verifier.VerifyAsync(Stored, "wrong", CancellationToken.None),
            await verifier.VerifyAsync(Stored, "wrong", CancellationToken.None),
        };

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(results, Is.All.EqualTo(PasswordCheck.Mismatch));
            Assert.That(hashed, Is.EqualTo(2));
        });
    }
}
