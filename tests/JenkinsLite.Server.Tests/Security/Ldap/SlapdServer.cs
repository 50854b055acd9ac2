using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace JenkinsLite.Server.Tests.Security.Ldap;

/// <summary>
/// A throw-away OpenLDAP server on a loopback port: Debian's slapd run as the current user from a generated
/// slapd.conf (mdb backend, memberof overlay) in a temp folder, loaded from directory.ldif with ldapadd so
/// the overlay fills memberOf. It can be stopped and started again on the same data; nothing else is touched.
/// </summary>
internal sealed class SlapdServer : IAsyncDisposable
{
    public const string Suffix = "dc=example,dc=org";
    public const string ManagerDn = "cn=manager,dc=example,dc=org";
    public const string ManagerPassword = "manager-secret";
    private const string RootDn = "cn=admin,dc=example,dc=org";
    private const string RootPassword = "admin-secret";

    private readonly string _folder;
    private Process? _process;

    private SlapdServer(string folder, int port, TlsFiles? tls)
    {
        _folder = folder;
        Port = port;
        Tls = tls;
    }

    public int Port { get; }

    /// <summary>The ldaps:// port when started with TLS files.</summary>
    public int LdapsPort { get; private set; }

    public TlsFiles? Tls { get; }

    public string Url => $"ldap://127.0.0.1:{Port}";

    /// <summary>Server certificate, key and the CA that signed it, all PEM files.</summary>
    internal sealed record TlsFiles(string CaCertificate, string Certificate, string Key);

    public static async Task<SlapdServer> StartAsync(TlsFiles? tls = null)
    {
        var folder = Directory.CreateTempSubdirectory("jenkinslite-slapd-").FullName;
        var server = new SlapdServer(folder, FreePort(), tls);
        if (tls is not null)
        {
            server.LdapsPort = FreePort();
        }

        Directory.CreateDirectory(Path.Combine(folder, "data"));
        await File.WriteAllTextAsync(Path.Combine(folder, "slapd.conf"), server.Config());
        await server.StartProcessAsync();
        await server.RunToolAsync("ldapadd", "-f", DirectoryLdif());
        return server;
    }

    /// <summary>Stops slapd (the directory is down); <see cref="StartAgainAsync"/> brings it back with the same data.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public Task StartAgainAsync() => StartProcessAsync();

    public Task DeleteAsync(string dn) => RunToolAsync("ldapdelete", dn);

    /// <summary>Applies an LDIF change (ldapmodify) as the directory's root.</summary>
    public async Task ModifyAsync(string ldif)
    {
        var file = Path.Combine(_folder, $"change-{Guid.NewGuid():N}.ldif");
        await File.WriteAllTextAsync(file, ldif);
        await RunToolAsync("ldapmodify", "-f", file);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Config()
    {
        // With TLS, a password bind over a plain connection is refused: a client that fell back to plain text would fail.
        var tls = Tls is null ? string.Empty : $"""
            TLSCACertificateFile {Tls.CaCertificate}
            TLSCertificateFile {Tls.Certificate}
            TLSCertificateKeyFile {Tls.Key}
            security simple_bind=1
            """;
        return $"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            moduleload memberof
            pidfile {_folder}/slapd.pid
            {tls}
            database mdb
            maxsize 10485760
            suffix "{Suffix}"
            rootdn "{RootDn}"
            rootpw {RootPassword}
            directory {_folder}/data
            overlay memberof
            memberof-group-oc groupOfNames
            memberof-member-ad member
            memberof-memberof-ad memberOf
            memberof-refint TRUE
            access to attrs=userPassword by anonymous auth by * none
            access to * by dn.exact="{ManagerDn}" read by users read by * none
            """;
    }

    private async Task StartProcessAsync()
    {
        var urls = Tls is null ? Url + "/" : $"{Url}/ ldaps://127.0.0.1:{LdapsPort}/";
        var start = new ProcessStartInfo(Executable("slapd", "/usr/sbin/slapd"))
        {
            ArgumentList = { "-h", urls, "-f", Path.Combine(_folder, "slapd.conf"), "-d", "0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _process = Process.Start(start)!;
        var errors = _process.StandardError.ReadToEndAsync();
        _ = _process.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"slapd exited with {_process.ExitCode}: {await errors}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("slapd did not listen within 15 s");
    }

    private async Task RunToolAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable(tool, "/usr/bin/" + tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        string[] tls = [];
        if (Tls is not null)
        {
            start.Environment["LDAPTLS_CACERT"] = Tls.CaCertificate;
            tls = ["-ZZ"];
        }

        foreach (var argument in (string[])["-x", .. tls, "-H", Url, "-D", RootDn, "-w", RootPassword, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {errors}");
        }
    }

    private static string Executable(string name, string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"{name} is not installed: the LDAP tests need Debian's slapd and ldap-utils (scripts/test.sh installs them)");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DirectoryLdif()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "JenkinsLite.Server.Tests", "Security", "Ldap", "directory.ldif");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"directory.ldif was not found above {AppContext.BaseDirectory}");
    }
}
