using JenkinsLite.Core.Builds;

namespace JenkinsLite.Server.Lifecycle;

/// <summary>Quiet-down and stopping the server: one of each per server, shared by HTTP, CLI and pages.</summary>
internal static class LifecycleServices
{
    public static IServiceCollection AddLifecycle(this IServiceCollection services) =>
        services.AddSingleton<QuietDown>().AddSingleton<ServerShutdown>();
}
