using JenkinsLite.Core.Security.ApiTokens;
using JenkinsLite.Core.Users;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.ApiTokens.Policy;

/// <summary>"Expiring soon" by the policy's warning window (token-governance.md section 8), for lists, banners and the monitor.</summary>
internal sealed class TokenReminders(JenkinsInstance instance, TokenPolicy policy)
{
    public int WarningDays => policy.Current.ExpiryWarningDays;

    public bool IsExpiringSoon(TokenView token) => policy.Current.IsExpiringSoon(token.ExpirationDate, Today);

    /// <summary>How many of the user's tokens expire within the warning window (the banner's N).</summary>
    public int ExpiringSoonOf(User user) => instance.Users.TokensOf(user).Count(IsExpiringSoon);

    /// <summary>How many tokens of the whole instance expire within the window (the admin monitor's count).</summary>
    public int ExpiringSoonOfAll() => instance.Users.All.Sum(ExpiringSoonOf);

    /// <summary>The banner's text, or null when no token of the user expires soon.</summary>
    public string? BannerFor(User user) => ExpiringSoonOf(user) switch
    {
        0 => null,
        1 => $"1 API token expires within {WarningDays} days",
        var n => $"{n} API tokens expire within {WarningDays} days",
    };

    private DateOnly Today => DateOnly.FromDateTime(instance.Options.Clock.GetUtcNow().UtcDateTime);
}
