using JenkinsLite.Core.Users;
using JenkinsLite.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JenkinsLite.Server.Tests.Infrastructure;

/// <summary>What a test may look at inside the running server (never to change it behind the API's back).</summary>
internal sealed class JenkinsInstanceProbe(WebApplication app)
{
    public UserAccounts Users => app.Services.GetRequiredService<UserAccounts>();

    public IServiceProvider Services => app.Services;

    /// <summary>The route table as the router holds it.</summary>
    public IEnumerable<Microsoft.AspNetCore.Http.Endpoint> Endpoints =>
        ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints);

    public void FlushUsageStats() => Users.Usage.Flush();

    /// <summary>Cancelled once something asked the server to stop (the real host then stops; tests stop it themselves).</summary>
    public CancellationToken ApplicationStopping => app.Lifetime.ApplicationStopping;
}
