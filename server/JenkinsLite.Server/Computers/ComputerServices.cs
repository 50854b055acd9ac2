using JenkinsLite.Core.Nodes;
using JenkinsLite.Persistence.Nodes;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Computers;

/// <summary>The nodes feature's services: the built-in node, re-read on /reload.</summary>
internal static class ComputerServices
{
    public static IServiceCollection AddNodes(this IServiceCollection services, JenkinsInstance instance)
    {
        services.AddSingleton(_ =>
        {
            var node = new BuiltInNode(new BuiltInNodeStore(instance.Home), () => instance.Security.NumExecutors);
            instance.Reloaded += node.Reload;
            return node;
        });
        return services;
    }
}
