using JenkinsLite.Server.Cli.Commands;

namespace JenkinsLite.Server.Cli;

/// <summary>The CLI's services and its command table.</summary>
internal static class CliServices
{
    public static IServiceCollection AddCli(this IServiceCollection services)
    {
        services.AddSingleton<DuplexSessions>();
        services.AddSingleton<CliSessionLimiter>();
        services.AddSingleton<CliSessionRunner>();
        services.AddSingleton(sp => new CliCommands(sp.GetServices<ICliCommand>()));

        services.AddSingleton<ICliCommand, WhoAmICommand>();
        services.AddSingleton<ICliCommand, VersionCommand>();
        services.AddSingleton<ICliCommand, HelpCommand>();
        services.AddSingleton<ICliCommand, SessionIdCommand>();
        services.AddSingleton<ICliCommand>(RefusedCommand.Groovy());
        services.AddSingleton<ICliCommand>(RefusedCommand.GroovySh());
        services.AddSingleton<ICliCommand, ReloadConfigurationCommand>();
        services.AddSingleton<ICliCommand>(new ShutdownCommand(safe: false));
        services.AddSingleton<ICliCommand>(new ShutdownCommand(safe: true));
        services.AddSingleton<ICliCommand>(new QuietDownCommand(cancel: false));
        services.AddSingleton<ICliCommand>(new QuietDownCommand(cancel: true));
        foreach (var command in NodeCommand.All())
        {
            services.AddSingleton(command);
        }

        services.AddSingleton<ICliCommand>(RefusedCommand.CreateNode());

        services.AddSingleton<ICliCommand>(new RestartCommand("restart", "Restart Jenkins (not supported by JenkinsLite)."));
        services.AddSingleton<ICliCommand>(new RestartCommand("safe-restart", "Safe restart Jenkins (not supported by JenkinsLite)."));
        services.AddSingleton<ICliCommand, ListPluginsCommand>();

        services.AddSingleton<ICliCommand, ListApiTokensCommand>();
        services.AddSingleton<ICliCommand, GenerateApiTokenCommand>();
        services.AddSingleton<ICliCommand, RotateApiTokenCommand>();
        services.AddSingleton<ICliCommand, CreateServiceAccountCommand>();
        services.AddSingleton<ICliCommand, RenameApiTokenCommand>();
        services.AddSingleton<ICliCommand, RevokeApiTokenCommand>();
        services.AddSingleton<ICliCommand, LegacyApiTokenReportCommand>();
        services.AddSingleton<ICliCommand, RevokeLegacyApiTokensCommand>();
        services.AddSingleton<ICliCommand, ApiTokenPolicyCommand>();
        services.AddSingleton<ICliCommand, ApiTokenAuditCommand>();

        // Jobs and builds: they use the registry and the queue when those features are composed in.
        services.AddSingleton<ICliCommand, ListJobsCommand>();
        services.AddSingleton<ICliCommand, GetJobCommand>();
        services.AddSingleton<ICliCommand, CreateJobCommand>();
        services.AddSingleton<ICliCommand, UpdateJobCommand>();
        services.AddSingleton<ICliCommand, DeleteJobCommand>();
        services.AddSingleton<ICliCommand, CopyJobCommand>();
        services.AddSingleton<ICliCommand>(new ToggleJobCommand(disable: false));
        services.AddSingleton<ICliCommand>(new ToggleJobCommand(disable: true));
        services.AddSingleton<ICliCommand, BuildCommand>();
        services.AddSingleton<ICliCommand, ConsoleCommand>();
        services.AddSingleton<ICliCommand, ReloadJobCommand>();
        services.AddSingleton<ICliCommand, StopBuildsCommand>();
        services.AddSingleton<ICliCommand, DeleteBuildsCommand>();
        services.AddSingleton<ICliCommand, ListChangesCommand>();
        services.AddSingleton<ICliCommand>(SetBuildTextCommand.Description());
        services.AddSingleton<ICliCommand>(SetBuildTextCommand.DisplayName());
        services.AddSingleton<ICliCommand, KeepBuildCommand>();
        services.AddSingleton<ICliCommand, ClearQueueCommand>();
        services.AddSingleton<ICliCommand, GetViewCommand>();
        services.AddSingleton<ICliCommand, CreateViewCommand>();
        services.AddSingleton<ICliCommand, UpdateViewCommand>();
        services.AddSingleton<ICliCommand, DeleteViewCommand>();
        services.AddSingleton<ICliCommand>(new ViewJobsCommand(add: true));
        services.AddSingleton<ICliCommand>(new ViewJobsCommand(add: false));
        return services;
    }
}
