namespace JenkinsLite.Core.Security.ApiTokens;

/// <summary>Jenkins' colouring of a token's age: orange after 180 days, red after 360.</summary>
public enum TokenAgeLevel
{
    None,
    Orange,
    Red,
}
