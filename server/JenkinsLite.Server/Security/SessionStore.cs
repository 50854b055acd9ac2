using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace JenkinsLite.Server.Security;

/// <summary>
/// HTTP sessions for browsers and password-authenticated scripts, held in memory only (a restart signs
/// everybody out, as Jenkins does). A session remembers the password hash it was opened with, so a
/// password change ends it on the very next request.
/// </summary>
internal sealed class SessionStore(IMemoryCache cache)
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Jenkins names its cookie JSESSIONID.&lt;8 hex&gt;, unique per instance.</summary>
    public string CookieName { get; } = "JSESSIONID." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>Opens a session; <paramref name="userId"/> null is an anonymous session (crumbs only).</summary>
    public string Open(string? userId, string? passwordHash)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        cache.Set(Key(id), new Session(userId, passwordHash), new MemoryCacheEntryOptions { SlidingExpiration = IdleTimeout });
        return id;
    }

    public Session? Find(string sessionId) => cache.Get<Session>(Key(sessionId));

    public void Close(string sessionId) => cache.Remove(Key(sessionId));

    public void WriteCookie(HttpContext context, string sessionId) =>
        context.Response.Cookies.Append(CookieName, sessionId, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Secure = context.Request.IsHttps,
        });

    private static string Key(string id) => "session:" + id;

    internal sealed record Session(string? UserId, string? PasswordHash);
}
