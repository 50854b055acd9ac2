using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Nodes;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Queue;

namespace JenkinsLite.Server.Builds;

/// <summary>The builds feature's services and routes, for the composition in <see cref="JenkinsLiteApp"/>.</summary>
internal static class BuildServices
{
    public static IServiceCollection AddBuilds(this IServiceCollection services, JenkinsInstance instance)
    {
        var clock = instance.Options.Clock;
        services.AddSingleton(new BuildFiles(instance.Home));
        services.AddSingleton<IBuildStore>(sp => new JenkinsBuildStore(sp.GetRequiredService<BuildFiles>(), instance.Secrets,
            id => instance.Users.Find(id)?.FullName));
        services.AddSingleton<IQueueStore>(new QueueFile(instance.Home, instance.Secrets));
        services.AddSingleton(sp => new BuildRecords(sp.GetRequiredService<IBuildStore>(), clock));
        services.AddSingleton(sp => new BuildQueue(sp.GetRequiredService<IQueueStore>(), sp.GetRequiredService<IJobCatalog>(),
            sp.GetRequiredService<BuildRecords>(), clock, sp.GetRequiredService<BuiltInNode>(), sp.GetRequiredService<QuietDown>()));
        services.AddSingleton(sp => new BuildHistory(sp.GetRequiredService<BuildRecords>(), sp.GetRequiredService<BuildQueue>()));
        services.AddSingleton<IBuildHistory>(sp => sp.GetRequiredService<BuildHistory>());
        services.AddSingleton<IItemListener>(sp => sp.GetRequiredService<BuildHistory>());
        services.AddSingleton<BuildSandbox>();
        services.AddHostedService(sp => sp.GetRequiredService<BuildSandbox>());
        services.AddSingleton<BuildRunner>();
        services.AddHostedService<BuildExecutors>();
        return services;
    }

    public static void MapBuilds(this IEndpointRouteBuilder app)
    {
        app.MapBuildRoutes();
        app.MapQueueEndpoints();
    }
}
