using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Views;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Views;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Jobs;

/// <summary>The jobs and views services; both re-read the home on /reload.</summary>
internal static partial class JobServices
{
    public static IServiceCollection AddJobs(this IServiceCollection services, JenkinsInstance instance)
    {
        services.AddSingleton<IJobConfigFormat>(new JobConfigXml(instance.Secrets));
        services.AddSingleton(sp =>
        {
            var format = sp.GetRequiredService<IJobConfigFormat>();
            var logger = sp.GetRequiredService<ILogger<JobRegistry>>();
            var registry = new JobRegistry(new JobRepository(instance.Home, format), format, sp.GetRequiredService<IBuildHistory>,
                sp.GetServices<IItemListener>, (listener, e) => LogListenerFailed(logger, listener.GetType().Name, e));
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

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "{Listener} could not store its side of an item change; the change itself is done")]
    private static partial void LogListenerFailed(ILogger logger, string listener, Exception exception);
}
