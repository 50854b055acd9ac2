using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Cli;

/// <summary>What a running command sees: who runs it, its streams, and the server's services.</summary>
internal sealed class CliContext(
    string commandName,
    RequestCaller caller,
    CliOutput stdout,
    CliOutput stderr,
    Stream stdin,
    string locale,
    IServiceProvider services)
{
    public string CommandName => commandName;

    public RequestCaller Caller => caller;

    public CliOutput Out => stdout;

    public CliOutput Err => stderr;

    /// <summary>The client's stdin: STDIN frames until END_STDIN (or the end of the session).</summary>
    public Stream Stdin => stdin;

    /// <summary>The client's Java locale id (for example <c>en_US</c>); output is English whatever it says.</summary>
    public string Locale => locale;

    public IServiceProvider Services => services;

    public JenkinsInstance Instance => services.GetRequiredService<JenkinsInstance>();

    public bool Has(Permission permission) => Instance.Security.Authorization.HasPermission(caller.Caller, permission);

    /// <summary>Jenkins' checkPermission: exit 6 with "USER is missing the Group/Name permission".</summary>
    public void Require(Permission permission)
    {
        if (!Has(permission))
        {
            throw MissingPermission(caller.Name, permission);
        }
    }

    public static CliException MissingPermission(string who, Permission permission) =>
        CliException.AccessDenied($"{who} is missing the {permission.Group}/{permission.Name} permission");

    /// <summary>All of stdin; more than <paramref name="maxBytes"/> is refused (exit 1) rather than held in memory.</summary>
    public async Task<byte[]> ReadStdinAsync(int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stdin.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new CliException($"The input is longer than {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
