using System.Xml.Linq;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Config;

namespace JenkinsLite.Persistence.Tests.Config;

internal sealed class AuthorizationStrategyXmlTests
{
    private static readonly Caller Alice = Caller.User("alice", "devs");
    private static readonly Caller Admin = Caller.User("admin");

    private static readonly string[] TypedGrants =
    [
        "GROUP:hudson.model.Hudson.Read:authenticated",
        "GROUP:hudson.model.Item.Read:devs",
        "USER:hudson.model.Hudson.Administer:admin",
        "USER:hudson.model.Item.Build:alice",
        "USER:hudson.model.View.Read:anonymous",
        "hudson.model.Item.Create:alice",
    ];

    private static readonly string[] AdminOnly = ["USER:hudson.model.Hudson.Administer:admin"];

    private static XElement Element(string xml) => XElement.Parse(xml, LoadOptions.PreserveWhitespace);

    [Test]
    public void Read_NoElement_Unsecured()
    {
        Assert.That(AuthorizationStrategyXml.Read(null, useSecurity: true), Is.SameAs(UnsecuredAuthorizationStrategy.Instance));
    }

    [Test]
    public void Read_SecurityOff_UnsecuredWhateverTheElementSays()
    {
        var element = Element("""<authorizationStrategy class="hudson.security.FullControlOnceLoggedInAuthorizationStrategy"/>""");

        Assert.That(AuthorizationStrategyXml.Read(element, useSecurity: false), Is.SameAs(UnsecuredAuthorizationStrategy.Instance));
    }

    [Test]
    public void Read_UnsecuredClass_Unsecured()
    {
        var element = Element("""<authorizationStrategy class="hudson.security.AuthorizationStrategy$Unsecured"/>""");

        Assert.That(AuthorizationStrategyXml.Read(element, useSecurity: true), Is.SameAs(UnsecuredAuthorizationStrategy.Instance));
    }

    [Test]
    public void Read_FullControlDenyingAnonymousRead_DeniesAnonymous()
    {
        var element = Element("""
            <authorizationStrategy class="hudson.security.FullControlOnceLoggedInAuthorizationStrategy">
              <denyAnonymousReadAccess>true</denyAnonymousReadAccess>
            </authorizationStrategy>
            """);

        var strategy = AuthorizationStrategyXml.Read(element, useSecurity: true);

        Assert.That(strategy, Is.InstanceOf<FullControlOnceLoggedInAuthorizationStrategy>());
        Assert.Multiple(() =>
        {
            Assert.That(((FullControlOnceLoggedInAuthorizationStrategy)strategy).DenyAnonymousReadAccess, Is.True);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.OverallRead), Is.False);
            Assert.That(strategy.HasPermission(Alice, Permission.Administer), Is.True);
        });
    }

    [TestCase("""<authorizationStrategy class="hudson.security.FullControlOnceLoggedInAuthorizationStrategy"/>""")]
    [TestCase("""<authorizationStrategy class="hudson.security.FullControlOnceLoggedInAuthorizationStrategy"><denyAnonymousReadAccess>false</denyAnonymousReadAccess></authorizationStrategy>""")]
    public void Read_FullControlAllowingAnonymousRead_AnonymousCanRead(string xml)
    {
        var strategy = AuthorizationStrategyXml.Read(Element(xml), useSecurity: true);

        Assert.Multiple(() =>
        {
            Assert.That(((FullControlOnceLoggedInAuthorizationStrategy)strategy).DenyAnonymousReadAccess, Is.False);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.ItemRead), Is.True);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.ItemBuild), Is.False);
        });
    }

    [Test]
    public void Read_MatrixWithTypedEntries_GrantsAsWritten()
    {
        // The shape matrix-auth 3.x writes (e.g. its own ExportTest fixture).
        var element = Element("""
            <authorizationStrategy class="hudson.security.GlobalMatrixAuthorizationStrategy">
              <permission>GROUP:hudson.model.Hudson.Read:authenticated</permission>
              <permission>GROUP:hudson.model.Item.Read:devs</permission>
              <permission>USER:hudson.model.Hudson.Administer:admin</permission>
              <permission>USER:hudson.model.Item.Build:alice</permission>
              <permission>USER:hudson.model.View.Read:anonymous</permission>
              <permission>EITHER:hudson.model.Item.Create:alice</permission>
            </authorizationStrategy>
            """);

        var strategy = (GlobalMatrixAuthorizationStrategy)AuthorizationStrategyXml.Read(element, useSecurity: true);

        Assert.Multiple(() =>
        {
            Assert.That(strategy.ClassName, Is.EqualTo("hudson.security.GlobalMatrixAuthorizationStrategy"));
            Assert.That(strategy.Grants.Select(g => g.ToString()), Is.EqualTo(TypedGrants));
            Assert.That(strategy.HasPermission(Admin, Permission.ItemDelete), Is.True);
            Assert.That(strategy.HasPermission(Alice, Permission.ItemBuild), Is.True);
            Assert.That(strategy.HasPermission(Alice, Permission.ItemRead), Is.True);
            Assert.That(strategy.HasPermission(Alice, Permission.ItemCreate), Is.True);
            Assert.That(strategy.HasPermission(Alice, Permission.ItemConfigure), Is.False);
            Assert.That(strategy.HasPermission(Caller.User("bob"), Permission.OverallRead), Is.True);
            Assert.That(strategy.HasPermission(Caller.User("bob"), Permission.ItemRead), Is.False);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.OverallRead), Is.False);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.ViewRead), Is.True);
        });
    }

    [Test]
    public void Read_MatrixLegacyEntriesWithoutPrefix_MatchUsersAndGroups()
    {
        // The pre-3.0 shape, as in matrix-auth's own test fixtures.
        var element = Element("""
            <authorizationStrategy class="hudson.security.ProjectMatrixAuthorizationStrategy">
              <permission>hudson.model.Hudson.Administer:admin</permission>
              <permission>hudson.model.Hudson.Read:anonymous</permission>
              <permission>hudson.model.Item.Read:authenticated</permission>
              <permission>hudson.model.Item.Build:devs</permission>
            </authorizationStrategy>
            """);

        var strategy = (GlobalMatrixAuthorizationStrategy)AuthorizationStrategyXml.Read(element, useSecurity: true);

        Assert.Multiple(() =>
        {
            Assert.That(strategy.ClassName, Is.EqualTo("hudson.security.ProjectMatrixAuthorizationStrategy"));
            Assert.That(strategy.Grants.All(g => g.Kind == MatrixGrantKind.Either), Is.True);
            Assert.That(strategy.HasPermission(Admin, Permission.Administer), Is.True);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.OverallRead), Is.True);
            Assert.That(strategy.HasPermission(Caller.Anonymous, Permission.ItemRead), Is.False);
            Assert.That(strategy.HasPermission(Alice, Permission.ItemRead), Is.True);
            Assert.That(strategy.HasPermission(Alice, Permission.ItemBuild), Is.True);
            Assert.That(strategy.HasPermission(Caller.User("bob"), Permission.ItemBuild), Is.False);
        });
    }

    [Test]
    public void Read_MatrixWithPluginPermission_IgnoresIt()
    {
        var element = Element("""
            <authorizationStrategy class="hudson.security.GlobalMatrixAuthorizationStrategy" plugin="matrix-auth@3.2.6">
              <permission>GROUP:com.cloudbees.plugins.credentials.CredentialsProvider.View:authenticated</permission>
              <permission>com.cloudbees.plugins.credentials.CredentialsProvider.Create:authenticated</permission>
              <permission>USER:hudson.model.Hudson.Administer:admin</permission>
            </authorizationStrategy>
            """);

        var strategy = (GlobalMatrixAuthorizationStrategy)AuthorizationStrategyXml.Read(element, useSecurity: true);

        Assert.That(strategy.Grants.Select(g => g.ToString()), Is.EqualTo(AdminOnly));
    }

    [Test]
    public void Read_EmptyMatrix_DeniesEveryone()
    {
        var element = Element("""<authorizationStrategy class="hudson.security.ProjectMatrixAuthorizationStrategy"/>""");

        var strategy = AuthorizationStrategyXml.Read(element, useSecurity: true);

        Assert.That(strategy.HasPermission(Admin, Permission.OverallRead), Is.False);
    }

    [Test]
    public void Read_UnknownClass_FormatExceptionNamingTheClass()
    {
        var element = Element("""<authorizationStrategy class="com.michelin.cio.hudson.plugins.rolestrategy.RoleBasedAuthorizationStrategy"/>""");

        Assert.That(() => AuthorizationStrategyXml.Read(element, useSecurity: true),
            Throws.TypeOf<FormatException>().With.Message.Contains("com.michelin.cio.hudson.plugins.rolestrategy.RoleBasedAuthorizationStrategy"));
    }

    [Test]
    public void Read_NoClassAttribute_FormatException()
    {
        Assert.That(() => AuthorizationStrategyXml.Read(Element("<authorizationStrategy/>"), useSecurity: true),
            Throws.TypeOf<FormatException>());
    }

    [TestCase("no-colon-at-all")]
    [TestCase("USER:hudson.model.Hudson.Read")]
    public void Read_MalformedMatrixEntry_FormatException(string entry)
    {
        var element = new XElement("authorizationStrategy",
            new XAttribute("class", "hudson.security.GlobalMatrixAuthorizationStrategy"),
            new XElement("permission", entry));

        Assert.That(() => AuthorizationStrategyXml.Read(element, useSecurity: true),
            Throws.TypeOf<FormatException>().With.Message.Contains(entry));
    }

    [TestCase("USER:hudson.model.Item.Build:alice", MatrixGrantKind.User, "hudson.model.Item.Build", "alice")]
    [TestCase("GROUP:hudson.model.Item.Build:authenticated", MatrixGrantKind.Group, "hudson.model.Item.Build", "authenticated")]
    [TestCase("EITHER:hudson.model.Item.Build:alice", MatrixGrantKind.Either, "hudson.model.Item.Build", "alice")]
    [TestCase("hudson.model.Item.Build:alice", MatrixGrantKind.Either, "hudson.model.Item.Build", "alice")]
    [TestCase("USER:Job/Build:alice", MatrixGrantKind.User, "hudson.model.Item.Build", "alice")]
    [TestCase("USER:hudson.model.Item.Build:domain:alice", MatrixGrantKind.User, "hudson.model.Item.Build", "domain:alice")]
    [TestCase("hudson.model.Item.Build:domain:alice", MatrixGrantKind.Either, "hudson.model.Item.Build", "domain:alice")]
    public void ParseGrant_Entry_KindPermissionAndSid(string entry, MatrixGrantKind kind, string permissionId, string sid)
    {
        var grant = AuthorizationStrategyXml.ParseGrant(entry);

        Assert.That(grant, Is.EqualTo(new MatrixGrant(kind, Permission.FromId(permissionId)!, sid)));
    }

    [TestCase("user:hudson.model.Item.Build:alice")] // the type is case-sensitive, so "user" reads as a permission
    [TestCase("USER:hudson.model.Item.Nonsense:alice")]
    public void ParseGrant_UnknownPermission_Null(string entry)
    {
        Assert.That(AuthorizationStrategyXml.ParseGrant(entry), Is.Null);
    }
}
