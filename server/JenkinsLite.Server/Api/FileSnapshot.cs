namespace JenkinsLite.Server.Api;

/// <summary>
/// Sends a file that may still be growing (a running build's log, a file in a busy workspace): exactly
/// the bytes it had when it was opened. Sending the file as it is at send time would write more than the
/// Content-Length announced, and the client would see a broken connection.
/// </summary>
public static class FileSnapshot
{
    public static IResult Of(HttpContext context, FileStream file, string contentType)
    {
        var length = file.Length;
        context.Response.ContentLength = length;
        return Results.Stream(async body =>
        {
            await using (file)
            {
                await CopyExactlyAsync(file, body, length, context.RequestAborted);
            }
        }, contentType);
    }

    /// <summary>Opened for reading while others may write or delete it; null when it does not exist.</summary>
    public static FileStream? Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task CopyExactlyAsync(Stream from, Stream to, long length, CancellationToken cancel)
    {
        var buffer = new byte[(int)Math.Min(length, 64 * 1024)];
        for (var left = length; left > 0;)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancel);
            if (read == 0)
            {
                throw new IOException("The file became shorter while it was sent.");
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancel);
            left -= read;
        }
    }
}
