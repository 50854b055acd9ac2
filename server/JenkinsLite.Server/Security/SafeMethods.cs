namespace JenkinsLite.Server.Security;

/// <summary>HTTP's safe methods, as Jenkins treats them: GET, HEAD and OPTIONS change nothing, every other method may.</summary>
internal static class SafeMethods
{
    public static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
