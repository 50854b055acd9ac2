using System.IO.Pipelines;
using System.Net;
using ICSharpCode.SharpZipLib.Zip;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Server.Api;
using Microsoft.AspNetCore.StaticFiles;

namespace JenkinsLite.Server.Builds;

/// <summary>
/// Jenkins' DirectoryBrowserSupport for artifacts and workspaces: a file's bytes, a folder's listing, or
/// <c>*zip*/&lt;name&gt;.zip</c> of a folder, streamed as it is made. A path can never name anything
/// outside the folder served: such a request is answered 404.
/// </summary>
internal static class FileBrowser
{
    private const string ZipMarker = "*zip*";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Jenkins' default hudson.model.DirectoryBrowserSupport.CSP: a build's HTML cannot run script on the server's origin.</summary>
    private const string ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

    public static async Task<IResult> ServeAsync(HttpContext context, string root, string zipName, string? path)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var relative = path ?? string.Empty;
        var zipAt = relative.IndexOf(ZipMarker, StringComparison.Ordinal);
        if (zipAt >= 0)
        {
            var folder = relative[..zipAt];
            var target = BuildFiles.ResolveInside(root, folder);
            if (target is null || !Directory.Exists(target))
            {
                return Failure.NotFound("No such folder");
            }

            var prefix = folder.Trim('/').Length == 0 ? zipName : Path.GetFileName(target);
            await WriteZipAsync(context, target, prefix);
            return Results.Empty;
        }

        var full = BuildFiles.ResolveInside(root, relative);
        if (full is null)
        {
            return Failure.NotFound("No such file");
        }

        if (File.Exists(full) && FileSnapshot.Open(full) is { } file)
        {
            return FileSnapshot.Of(context, file, ContentTypes.TryGetContentType(full, out var type) ? type : "application/octet-stream");
        }

        if (!Directory.Exists(full))
        {
            return Failure.NotFound("No such file");
        }

        var entries = string.Concat(BuildFiles.ListFiles(full).Select(f =>
            $"<li><a href=\"{WebUtility.HtmlEncode(Uri.EscapeDataString(f).Replace("%2F", "/", StringComparison.Ordinal))}\">{WebUtility.HtmlEncode(f)}</a></li>"));
        return Results.Text($"<html><body><ul>{entries}</ul><a href=\"{ZipMarker}/{WebUtility.HtmlEncode(zipName)}.zip\">(all files in zip)</a></body></html>",
            "text/html;charset=utf-8");
    }

    /// <summary>
    /// Zips <paramref name="folder"/> into the response while reading it. SharpZipLib writes synchronously, so it
    /// runs on its own thread into a pipe, and the request copies the pipe to the response asynchronously
    /// (Kestrel forbids synchronous writes); the pipe's limits keep memory small whatever the folder's size.
    /// </summary>
    private static async Task WriteZipAsync(HttpContext context, string folder, string prefix)
    {
        var files = BuildFiles.ListFiles(folder);
        context.Response.ContentType = "application/zip";
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024));
        var producer = Task.Run(() =>
        {
            try
            {
                using var output = pipe.Writer.AsStream(leaveOpen: true);
                using (var zip = new ZipOutputStream(output) { IsStreamOwner = false, UseZip64 = UseZip64.Dynamic })
                {
                    foreach (var file in files)
                    {
                        var info = new FileInfo(Path.Combine(folder, file));
                        zip.PutNextEntry(new ZipEntry(prefix + "/" + file) { DateTime = info.LastWriteTime, Size = info.Length });
                        using (var input = info.OpenRead())
                        {
                            input.CopyTo(zip);
                        }

                        zip.CloseEntry();
                    }

                    zip.Finish();
                }

                pipe.Writer.Complete();
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
            }
        }, CancellationToken.None);

        try
        {
            await pipe.Reader.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
            await producer;
        }
    }
}
