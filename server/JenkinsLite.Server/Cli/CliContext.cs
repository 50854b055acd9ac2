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

    /// <summary>The same rule as HTTP's: the caller's permission AND the token's scope (AuthorizationStrategy.Check).</summary>
    public bool Has(Permission permission) => Check(permission) == PermissionCheck.Granted;

    public bool Has(Permission permission, string itemFullName) => Check(permission, itemFullName) == PermissionCheck.Granted;

    /// <summary>Whether an item shows at all; a token limited to some items sees those and the folders holding them.</summary>
    public bool Sees(JenkinsLite.Core.Jobs.JobItem item) =>
        caller.Scope is not { LimitsItems: true } scope || scope.Shows(item.FullName, ItemNames());

    /// <summary>Jenkins' checkPermission: exit 6 with "USER is missing the Group/Name permission", or the scope's refusal.</summary>
    public void Require(Permission permission, string? itemFullName = null)
    {
        switch (Check(permission, itemFullName))
        {
            case PermissionCheck.Denied:
                throw MissingPermission(caller.Name, permission);
            case PermissionCheck.DeniedByScope:
                throw ScopeRefused(permission.Id);
        }
    }

    /// <summary>Only full tokens manage tokens; exit 6 with the scope's refusal otherwise.</summary>
    public void RequireTokenManagement()
    {
        if (!caller.MayManageTokens)
        {
            throw ScopeRefused(Forbidden.ManageTokensPermission);
        }
    }

    public static CliException ScopeRefused(string permissionId) => CliException.AccessDenied(Forbidden.ScopeMessage(permissionId));

    private PermissionCheck Check(Permission permission, string? itemFullName = null) =>
        Instance.Security.Authorization.Check(caller.Caller, permission, caller.Scope, itemFullName,
            itemFullName is not null && caller.Scope is { LimitsItems: true } ? ItemNames() : null);

    private IEnumerable<string> ItemNames() =>
        services.GetService<JenkinsLite.Core.Jobs.JobRegistry>()?.All().Select(i => i.FullName) ?? [];

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
