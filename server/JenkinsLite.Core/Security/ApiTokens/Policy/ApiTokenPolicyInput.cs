using System.Globalization;

namespace JenkinsLite.Core.Security.ApiTokens.Policy;

/// <summary>
/// Turns the fields an admin sent (form, JSON or CLI options, all as text) into a policy, starting from the current
/// one: a field not sent keeps its value. Every bad value is named; with any, nothing is taken.
/// </summary>
public static class ApiTokenPolicyInput
{
    public const string MaxLifetimeDays = "maxLifetimeDays";
    public const string RequireExpiration = "requireExpiration";
    public const string MaxUnusedDays = "maxUnusedDays";
    public const string ExpiryWarningDays = "expiryWarningDays";
    public const string AllowedScopes = "allowedScopes";

    /// <summary>Largest number of days accepted (100 years), so a date computed from it never overflows.</summary>
    public const int MaxDays = 36500;

    public static (ApiTokenPolicy? Policy, IReadOnlyList<string> Problems) Apply(ApiTokenPolicy current, IReadOnlyDictionary<string, string?> fields)
    {
        var problems = new List<string>();
        int Days(string name, int old)
        {
            if (!fields.TryGetValue(name, out var text) || text is null)
            {
                return old;
            }

            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= MaxDays)
            {
                return days;
            }

            problems.Add($"{name} must be a whole number of days from 0 to {MaxDays}, not '{text}'");
            return old;
        }

        var requireExpiration = current.RequireExpiration;
        if (fields.TryGetValue(RequireExpiration, out var flag) && flag is not null)
        {
            switch (flag.Trim().ToLowerInvariant())
            {
                case "true" or "on":
                    requireExpiration = true;
                    break;
                case "false" or "off" or "":
                    requireExpiration = false;
                    break;
                default:
                    problems.Add($"{RequireExpiration} must be true or false, not '{flag}'");
                    break;
            }
        }

        var scopes = current.AllowedScopes;
        if (fields.TryGetValue(AllowedScopes, out var list) && list is not null)
        {
            // "all" (or nothing) means no restriction.
            var names = list.Trim() == "all" ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.Where(n => !ApiTokenPolicy.ScopeNames.Contains(n, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"{AllowedScopes} names unknown scope(s): {string.Join(", ", unknown)}; known: {string.Join(", ", ApiTokenPolicy.ScopeNames)}");
            }

            // Empty or every scope: no restriction, stored as "all".
            var distinct = names.Distinct(StringComparer.Ordinal).ToList();
            scopes = names.Length == 0 || ApiTokenPolicy.ScopeNames.All(distinct.Contains) ? null : ApiTokenPolicy.ScopeNames.Where(distinct.Contains).ToList();
        }

        var policy = new ApiTokenPolicy(
            Days(MaxLifetimeDays, current.MaxLifetimeDays),
            requireExpiration,
            Days(MaxUnusedDays, current.MaxUnusedDays),
            Days(ExpiryWarningDays, current.ExpiryWarningDays),
            scopes);
        return problems.Count == 0 ? (policy, problems) : (null, problems);
    }
}
