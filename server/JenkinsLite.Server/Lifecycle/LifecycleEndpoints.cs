using System.Globalization;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;

namespace JenkinsLite.Server.Lifecycle;

/// <summary>
/// Jenkins' quiet-down switch on the root object (python-jenkins <c>quiet_down</c>; Overall/Manage), and its exit
/// and safeExit (Overall/Administer), which stop the server at once or once no build runs.
/// </summary>
internal static class LifecycleEndpoints
{
    public static void MapLifecycleEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates POST /quietDown?block=&timeout=&message= (no build starts until cancelled; block waits until
        // no build runs, at most timeout ms when > 0; 302 to the root; GET: 405)
        app.MapPostOnly("/quietDown", async (HttpContext context, QuietDown quietDown, BuildQueue queue) =>
        {
            var message = await context.ParamAsync("message");
            quietDown.Begin(string.IsNullOrEmpty(message) ? null : message);
            if (bool.TryParse(await context.ParamAsync("block"), out var block) && block)
            {
                var timeout = int.TryParse(await context.ParamAsync("timeout"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0
                    ? TimeSpan.FromMilliseconds(ms)
                    : (TimeSpan?)null;
                await queue.WaitUntilQuietAsync(timeout, context.RequestAborted);
            }

            return Results.Redirect(RootUrl.Of(context));
        }).Requires(Permission.Manage);

        // Emulates POST /cancelQuietDown (builds start again; 302 to the root; GET: 405)
        app.MapPostOnly("/cancelQuietDown", (HttpContext context, QuietDown quietDown) =>
        {
            quietDown.Cancel();
            return Results.Redirect(RootUrl.Of(context));
        }).Requires(Permission.Manage);

        // Emulates POST /exit (200 "Shutting down", then the server stops; GET: 405)
        app.MapPostOnly("/exit", (ServerShutdown shutdown) =>
        {
            shutdown.Now();
            return Results.Text("Shutting down\n", "text/plain");
        }).Requires(Permission.Administer);

        // Emulates POST /safeExit (quiet-down; the server stops once no build runs; 200 text; GET: 405)
        app.MapPostOnly("/safeExit", (ServerShutdown shutdown) =>
        {
            shutdown.WhenIdle();
            return Results.Text("Shutting down as soon as all jobs are complete", "text/plain");
        }).Requires(Permission.Administer);
    }
}
