using System.Net.Sockets;
using System.Text;

namespace JenkinsLite.Server.Tests.Hostile;

/// <summary>
/// Sends bytes no well-behaved client would (a raw request target, odd headers) over a plain socket and
/// reads back the status line, headers and body of the answer.
/// </summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string Head, string Body)
    {
        public override string ToString() => $"{Head}\n\n{Body}";
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="target"/> as given, with extra header lines and an optional body (Content-Length from it unless a header sets one).</summary>
    public static async Task<Answer> SendAsync(Uri server, string method, string target, IEnumerable<string>? headers = null, byte[]? body = null,
        string? contentType = null)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        var lines = headers?.ToList() ?? [];
        foreach (var header in lines)
        {
            head.Append(header).Append("\r\n");
        }

        if (body is not null)
        {
            head.Append($"Content-Type: {contentType ?? "application/x-www-form-urlencoded"}\r\n");
            if (!lines.Any(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
            {
                head.Append($"Content-Length: {body.Length}\r\n"); // a caller's own Content-Length may lie
            }
        }

        head.Append("\r\n");
        using var client = new TcpClient();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(server.Host, server.Port, limit.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), limit.Token);
        if (body is not null)
        {
            try
            {
                await stream.WriteAsync(body, limit.Token);
            }
            catch (IOException)
            {
                // the server may answer and close before it read the whole body
            }
        }

        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, limit.Token);
        }
        catch (IOException)
        {
            // a reset after the answer was sent
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headText = split < 0 ? text : text[..split];
        var status = headText.Length >= 12 && int.TryParse(headText.AsSpan(9, 3), out var code) ? code : 0;
        return new Answer(status, headText, split < 0 ? string.Empty : text[(split + 4)..]);
    }
}
