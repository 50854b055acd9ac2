using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Server.Hosting;

namespace JenkinsLite.Server.Security;

/// <summary>
/// CSRF crumbs as Jenkins' DefaultCrumbIssuer: an HMAC over the user name and the session id with the
/// home's own salt, so a crumb is good only for the session it was issued to.
/// </summary>
internal sealed class CrumbIssuer(JenkinsInstance instance)
{
    public const string Field = "Jenkins-Crumb";

    public string CrumbFor(RequestCaller caller, string? sessionId)
    {
        var message = sessionId is null ? caller.Name : caller.Name + ";" + sessionId;
        return Convert.ToHexStringLower(HMACSHA256.HashData(instance.Secrets.CrumbSalt(), Encoding.UTF8.GetBytes(message)));
    }

    public async Task<bool> IsValidAsync(HttpContext context, RequestCaller caller)
    {
        string? presented = context.Request.Headers[Field];
        if (string.IsNullOrEmpty(presented) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            presented = form[Field];
        }

        presented ??= context.Request.Query[Field];
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var expected = CrumbFor(caller, caller.SessionId);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented));
    }
}
