using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Security.ApiTokens.Inventory;
using JenkinsLite.Persistence.ApiTokens;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.ApiTokens.Inventory;
using JenkinsLite.Server.ApiTokens.Policy;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.ApiTokens;

/// <summary>The services and routes of our token governance: policy, inventory, audit log, reminders.</summary>
internal static class TokenGovernanceComposition
{
    public static IServiceCollection AddTokenGovernance(this IServiceCollection services, JenkinsInstance instance)
    {
        services.AddSingleton<ITokenAuditLog>(new TokenAuditFile(instance.Home));
        services.AddSingleton(sp => new TokenAuditTrail(sp.GetRequiredService<ITokenAuditLog>(), instance.Options.Clock,
            sp.GetRequiredService<ILogger<TokenAuditTrail>>()));
        services.AddSingleton(sp => new TokenPolicy(new ApiTokenPolicyFile(instance.Home), sp.GetRequiredService<TokenAuditTrail>()));
        var addresses = new TokenAddressBook(new TokenAddressFile(instance.Home, instance.UserRepository),
            () => instance.ApiTokens.UsageStatisticsEnabled);
        instance.Users.Usage.Forgotten += addresses.Forget; // a revoked token's addresses go with its statistics
        services.AddSingleton(addresses);
        services.AddSingleton<TokenInventoryService>();
        services.AddSingleton<TokenUseWatch>();
        services.AddSingleton<TokenReminders>();
        services.AddSingleton<ApiTokenSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiTokenSweeper>());
        return services;
    }

    public static void MapTokenGovernance(this WebApplication app)
    {
        // Every change of a user's tokens is audited before it is saved; the policy follows /reload.
        var instance = app.Services.GetRequiredService<JenkinsInstance>();
        instance.Users.Audit = app.Services.GetRequiredService<TokenAuditTrail>();
        instance.ApplyDeclaredTokens();
        var policy = app.Services.GetRequiredService<TokenPolicy>();
        instance.Reloaded += policy.Reload;

        app.MapPolicyEndpoints();
        app.MapInventoryEndpoints();
        app.MapAuditEndpoints();
    }
}
