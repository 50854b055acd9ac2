using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Core.Tests.Security.ApiTokens;

/// <summary>A token's scope and rotation are kept apart from the rest; they still read and compare as fields.</summary>
internal sealed class HashedTokenTests
{
    private static readonly DateTimeOffset End = new(2026, 3, 3, 12, 30, 0, TimeSpan.Zero);

    private static HashedToken Token(TokenScope? scope = null) =>
        new("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "ci", null, null, TokenHash.Salted("secret", legacy: false), scope);

    [Test]
    public void With_RotationFieldsOneByOne_EachKeptWithTheOthers()
    {
        // Arrange
        var scope = TokenScope.TryCreate(TokenScope.ReadName, null, null, out _)!;
        var token = Token(scope);

        // Act
        var rotated = token with { RotatedTo = "next", ValidUntil = End };
        var unscoped = rotated with { Scope = null };
        var plain = unscoped with { RotatedTo = null, ValidUntil = null };

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((rotated.Scope, rotated.RotatedTo, rotated.ValidUntil), Is.EqualTo((scope, "next", (DateTimeOffset?)End)));
            Assert.That((unscoped.Scope, unscoped.RotatedTo, unscoped.ValidUntil), Is.EqualTo(((TokenScope?)null, "next", (DateTimeOffset?)End)));
            Assert.That(plain, Is.EqualTo(token with { Scope = null }));
            Assert.That(token.Scope, Is.SameAs(scope));
        });
    }

    [Test]
    public void Equals_SameRotationMadeTwice_Equal_OtherRotation_NotEqual()
    {
        // Arrange
        var token = Token();

        // Act, Assert
        Assert.Multiple(() =>
        {
            Assert.That(token with { RotatedTo = "next", ValidUntil = End }, Is.EqualTo(token with { ValidUntil = End, RotatedTo = "next" }));
            Assert.That(token with { RotatedTo = "next", ValidUntil = End }, Is.Not.EqualTo(token with { RotatedTo = "next" }));
            Assert.That(token with { RotatedTo = "next" }, Is.Not.EqualTo(token));
        });
    }
}
