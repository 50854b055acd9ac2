namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>
/// A token's uuid as kept in memory. Jenkins writes <c>UUID.randomUUID()</c>, canonical lower case, which is kept as the
/// 16 bytes of a <see cref="Guid"/> (a home of 100,000 users holds 500,000 uuids; a string of 36 characters costs 96
/// bytes). Any other text, as a hand-edited file may hold, is kept as it was, so it is written back byte for byte.
/// </summary>
internal struct TokenUuid : IEquatable<TokenUuid>
{
    // Guid.Empty: the uuid is not canonical, and _text holds it.
    private readonly Guid _guid;

    // The text when not canonical; otherwise its formatting, made the first time it is asked for (tokens in use).
    private string? _text;

    public TokenUuid(string text)
    {
        if (text.Length == 36 && Guid.TryParseExact(text, "D", out var guid) && guid != Guid.Empty
            && !text.AsSpan().ContainsAnyInRange('A', 'F'))
        {
            _guid = guid;
        }
        else
        {
            _text = text;
        }
    }

    public string Text => _text ??= _guid.ToString();

    public static bool operator ==(TokenUuid left, TokenUuid right) => left.Equals(right);

    public static bool operator !=(TokenUuid left, TokenUuid right) => !left.Equals(right);

    /// <summary>The same uuid; whether its text was made yet does not count.</summary>
    public readonly bool Equals(TokenUuid other) =>
        _guid == other._guid && (_guid != Guid.Empty || string.Equals(_text, other._text, StringComparison.Ordinal));

    public override readonly bool Equals(object? obj) => obj is TokenUuid other && Equals(other);

    public override readonly int GetHashCode() =>
        _guid != Guid.Empty ? _guid.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text ?? string.Empty);
}
