using System.Text;

namespace JenkinsLite.Server.Api;

/// <summary>
/// Jenkins' hudson.model.Failure: a 400 (by default) whose message is the body and the <c>X-Error</c>
/// header. Header values are ASCII, so Jenkins' curly quotes arrive there as '?' (node's client turns
/// them into '"'); the body keeps them, and control characters never reach the header.
/// </summary>
internal static class Failure
{
    public static IResult Of(HttpContext context, string message, int status = StatusCodes.Status400BadRequest)
    {
        context.Response.Headers["X-Error"] = HeaderText(message);
        return Results.Text(message, "text/plain;charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>
    /// A header value made of text that may hold input (a name, a query value): anything but printable ASCII
    /// becomes '?', so a CR/LF never splits a header and Kestrel never refuses the value with a 500.
    /// </summary>
    public static string HeaderText(string text) =>
        new([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]);

    /// <summary>A 404 that says what was not found (only what the URL itself named).</summary>
    public static IResult NotFound(string message) =>
        Results.Text(message, "text/plain;charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
}
