namespace JenkinsLite.Core.Security.ApiTokens.Policy;

/// <summary>Where the policy is kept (<c>jenkinslite.security.ApiTokenPolicy.xml</c>); no file means <see cref="ApiTokenPolicy.None"/>.</summary>
public interface IApiTokenPolicyStore
{
    /// <summary>Throws <see cref="HomeDataException"/> when the file does not parse.</summary>
    ApiTokenPolicy Load();

    /// <summary>Writes atomically; throws <see cref="IOException"/> when it cannot.</summary>
    void Save(ApiTokenPolicy policy);
}
