using JenkinsLite.Core.Security.ApiTokens;

namespace JenkinsLite.Server.Hosting;

/// <summary>The value of <c>--adminInitialApiToken</c>: checked at start; its messages never repeat the value.</summary>
internal static class InitialApiToken
{
    public const string Name = "Initial token";

    public const string Generate = "generate";

    /// <summary>The token value the option gives; null for none or <c>generate</c>. Throws when it is not valid.</summary>
    public static string? Resolve(string? option)
    {
        if (option is null || option == Generate)
        {
            return null;
        }

        var value = option;
        if (option.StartsWith('@'))
        {
            try
            {
                value = File.ReadAllText(option[1..]).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new InitialApiTokenException($"--adminInitialApiToken: the file {option[1..]} cannot be read ({e.GetType().Name})");
            }
        }

        return TokenSecret.TryParseFixed(value, out _)
            ? value
            : throw new InitialApiTokenException(
                "--adminInitialApiToken must be \"11\" followed by 32 hexadecimal characters, @FILE holding such a value, or 'generate'");
    }
}

/// <summary>An unusable <c>--adminInitialApiToken</c>: the server does not start.</summary>
public sealed class InitialApiTokenException(string message) : Exception(message)
{
    public InitialApiTokenException()
        : this("invalid --adminInitialApiToken")
    {
    }

    public InitialApiTokenException(string message, Exception inner)
        : this(message + " " + inner.Message)
    {
    }
}
