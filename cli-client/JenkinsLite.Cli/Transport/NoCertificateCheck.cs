using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace JenkinsLite.Cli.Transport;

/// <summary>The jar's <c>-noCertificateCheck</c>: the user asked for any certificate to be accepted.</summary>
internal static class NoCertificateCheck
{
    public static bool AcceptAny(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
}
