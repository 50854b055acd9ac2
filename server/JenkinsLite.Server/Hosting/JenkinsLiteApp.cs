using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using JenkinsLite.Core.Security.ApiTokens.Audit;
using JenkinsLite.Core.Users;
using JenkinsLite.Persistence.Home;
using JenkinsLite.Server.Admin;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.ApiTokens;
using JenkinsLite.Server.ApiTokens.Audit;
using JenkinsLite.Server.Builds;
using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Computers;
using JenkinsLite.Server.Crumbs;
using JenkinsLite.Server.Jobs;
using JenkinsLite.Server.Lifecycle;
using JenkinsLite.Server.Plugins;
using JenkinsLite.Server.Root;
using JenkinsLite.Server.Security;
using JenkinsLite.Server.Security.Ldap;
using JenkinsLite.Server.Users;
using JenkinsLite.Server.Views;
using JenkinsLite.Server.Web;
using JenkinsLite.Server.WhoAmI;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JenkinsLite.Server.Hosting;

/// <summary>Composes the server: options, services, middleware and the route table. No logic of its own.</summary>
public static class JenkinsLiteApp
{
    /// <summary>Largest request body accepted (413 beyond).</summary>
    public const long MaxRequestBodyBytes = 16 * 1024 * 1024;

    private static readonly Dictionary<string, string?> QuietFrameworkLogging = new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = nameof(LogLevel.Warning),
        // The request lines' own category, off entirely: while it is enabled at any level, hosting starts a trace
        // Activity and a log scope for every request (about 0.8 KB and a few microseconds each), for nothing.
        ["Logging:LogLevel:" + RequestLinesCategory] = nameof(LogLevel.None),
    };

    /// <summary>The category of ASP.NET Core's "Request starting/finished" lines (README, "Logs").</summary>
    private const string RequestLinesCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplication Build(ServerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        // An invalid initial token stops the start before anything is written.
        InitialApiToken.Resolve(options.AdminInitialApiToken);
        var startedUtc = DateTime.UtcNow; // temps older than this were left by an earlier run
        HomeSeeder.SeedIfEmpty(options);
        var instance = new JenkinsInstance(options);

        // The content root is the program's folder, not the working directory: the host watches its content root
        // recursively for appsettings changes, and a server started inside a home (as Jenkins users start theirs)
        // would put an inotify watch on every job, build and user folder, slowing the start and using up the limit.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // No line per request unless asked for (decisions.md #17): the framework's request lines carry whole
        // URLs and cost throughput. This default is the weakest configuration source, so the usual
        // Logging__LogLevel__... settings (README, "Logs") override it.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietFrameworkLogging });
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services => new RedactingLoggerFactory(new LoggerFactory(
            services.GetServices<ILoggerProvider>(),
            services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            services.GetService<IOptions<LoggerFactoryOptions>>(),
            services.GetService<IExternalScopeProvider>()))));
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.HttpPort);
        });
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(instance);
        builder.Services.AddSingleton(instance.Users);
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<SignInRealm>();
        builder.Services.AddSingleton<CrumbIssuer>();
        builder.Services.AddSingleton(sp => new AuthFailureThrottle(sp.GetRequiredService<IMemoryCache>(),
            options.FailuresBeforeThrottle, options.ThrottleWindow, options.Clock));
        builder.Services.AddHostedService<UsageStatsFlusher>();
        builder.Services.AddHostedService(services =>
            new StaleTempCleaner(options.HomePath, startedUtc, services.GetRequiredService<ILogger<StaleTempCleaner>>()));
        builder.Services.AddCli();
        builder.Services.AddJobs(instance);
        builder.Services.AddLifecycle();
        builder.Services.AddNodes(instance);
        builder.Services.AddBuilds(instance);
        builder.Services.AddSingleton<JobRoutes>();
        builder.Services.AddRazorComponents(); // the browser pages are Razor components
        // Pages encode only what HTML needs (< > & " '), so names and Jenkins' quotes stay readable in the source.
        builder.Services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddTokenGovernance(instance);

        var app = builder.Build();
        app.UseAppServices();
        app.UseMiddleware<JenkinsHeadersMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteErrorAsync });
        app.UseMiddleware<RequestInputMiddleware>();
        app.UseMiddleware<CallerMiddleware>();
        app.UseMiddleware<CsrfMiddleware>();
        app.UseChangingRequests();
        // Only the CLI's WebSocket route upgrades (matched as routing matches it); elsewhere the middleware would add a
        // handshake feature to every request.
        app.UseWhen(context => CliEndpoints.IsWebSocketPath(context.Request), cli => cli.UseWebSockets());

        app.MapRootEndpoints();
        app.MapWhoAmIEndpoints();
        app.MapCrumbEndpoints();
        app.MapUserEndpoints();
        app.MapApiTokenEndpoints();
        app.MapLegacyTokenMonitorEndpoints();
        app.MapTokenGovernance();
        app.MapAdminEndpoints();
        app.MapJobEndpoints();
        app.MapViewEndpoints();
        app.MapComputerEndpoints();
        app.MapLifecycleEndpoints();
        app.MapPluginEndpoints();
        app.MapCliEndpoints();
        app.MapBuilds();
        app.MapWebPages();
        JobRoutes.Map(app);
        return app;
    }

    /// <summary>Creates the initial admin of a fresh home; the password is returned for the console only.</summary>
    public static string? CreateInitialAdmin(WebApplication app) =>
        HomeSeeder.CreateInitialAdmin(app.Services.GetRequiredService<JenkinsInstance>());

    public static UserAccounts Users(WebApplication app) => app.Services.GetRequiredService<UserAccounts>();

    // A fault (a full disk, say) answers 500 with a reference; the details go to the log, never a secret.
    private static Task WriteErrorAsync(HttpContext context)
    {
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        context.Response.StatusCode = feature?.Error switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            AuditUnavailableException => StatusCodes.Status503ServiceUnavailable, // nothing unaudited is changed
            _ => StatusCodes.Status500InternalServerError,
        };
        context.Response.ContentType = "text/plain;charset=utf-8";
        return context.Response.WriteAsync(context.Response.StatusCode switch
        {
            StatusCodes.Status500InternalServerError => $"An internal error occurred (reference {context.TraceIdentifier}); nothing was changed.",
            StatusCodes.Status503ServiceUnavailable => "The API token audit log cannot be written; nothing was changed. Try again later.",
            StatusCodes.Status413PayloadTooLarge => $"The request body is larger than {MaxRequestBodyBytes / (1024 * 1024)} MiB.",
            _ => "The request could not be read.",
        }, Encoding.UTF8);
    }
}
