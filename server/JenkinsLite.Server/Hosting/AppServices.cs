namespace JenkinsLite.Server.Hosting;

/// <summary>
/// JenkinsLite's own services, all singletons, taken from the application's provider. Asking
/// <c>RequestServices</c> instead makes ASP.NET Core create a service scope for the request and dispose of it after
/// the answer (about 4 % of an anonymous <c>/api/json</c>), which only the pages' framework services need.
/// </summary>
internal static class AppServices
{
    /// <summary>Hands the application's provider to every request, first in the pipeline.</summary>
    public static IApplicationBuilder UseAppServices(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        return app.Use((context, next) =>
        {
            context.Features[typeof(AppServices)] = services;
            return next(context);
        });
    }

    /// <summary>One of JenkinsLite's singletons.</summary>
    public static T Service<T>(this HttpContext context)
        where T : notnull =>
        context.Singletons().GetRequiredService<T>();

    /// <summary>The provider of JenkinsLite's singletons (a request outside the pipeline, as in a test, falls back to its scope).</summary>
    public static IServiceProvider Singletons(this HttpContext context) =>
        context.Features[typeof(AppServices)] as IServiceProvider ?? context.RequestServices;
}
