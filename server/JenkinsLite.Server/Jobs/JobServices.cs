using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Views;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Views;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Jobs;

/// <summary>The jobs and views services; both re-read the home on /reload.</summary>
internal static class JobServices
{
    public static IServiceCollection AddJobs(this IServiceCollection services, JenkinsInstance instance)
    {
        services.AddSingleton<IJobConfigFormat, JobConfigXml>();
        services.AddSingleton(sp =>
        {
            var format = sp.GetRequiredService<IJobConfigFormat>();
            var registry = new JobRegistry(new JobRepository(instance.Home, format), format, sp.GetRequiredService<IBuildHistory>,
                sp.GetServices<IItemListener>);
            registry.Load();
            instance.Reloaded += registry.Load;
            return registry;
        });
        services.AddSingleton<IJobCatalog>(sp => sp.GetRequiredService<JobRegistry>());
        services.AddSingleton<IViewStore>(_ =>
        {
            var views = new ViewStore(instance.Home);
            instance.Reloaded += views.Reload;
            return views;
        });
        services.AddSingleton<IItemListener>(sp => sp.GetRequiredService<IViewStore>());
        return services;
    }
}
