using JenkinsLite.Core.Security.Authorization;

namespace JenkinsLite.Core.Tests.Security.Authorization;

internal sealed class GlobalMatrixAuthorizationStrategyTests
{
    private static readonly Caller Alice = Caller.User("alice", "devs");
    private static readonly Caller Bob = Caller.User("bob");

    private static GlobalMatrixAuthorizationStrategy Matrix(params MatrixGrant[] grants) => new(grants);

    private static MatrixGrant User(Permission p, string sid) => new(MatrixGrantKind.User, p, sid);

    private static MatrixGrant Group(Permission p, string sid) => new(MatrixGrantKind.Group, p, sid);

    private static MatrixGrant Either(Permission p, string sid) => new(MatrixGrantKind.Either, p, sid);

    [Test]
    public void HasPermission_UserGrant_OnlyThatUser()
    {
        var matrix = Matrix(User(Permission.ItemBuild, "alice"));

        Assert.Multiple(() =>
        {
            Assert.That(matrix.HasPermission(Alice, Permission.ItemBuild), Is.True);
            Assert.That(matrix.HasPermission(Bob, Permission.ItemBuild), Is.False);
            Assert.That(matrix.HasPermission(Caller.Anonymous, Permission.ItemBuild), Is.False);
            Assert.That(matrix.HasPermission(Alice, Permission.ItemConfigure), Is.False);
        });
    }

    [Test]
    public void HasPermission_UserGrantDifferentCase_MatchesCaseInsensitively()
    {
        var matrix = Matrix(User(Permission.ItemBuild, "ALICE"));

        Assert.That(matrix.HasPermission(Caller.User("Alice"), Permission.ItemBuild), Is.True);
    }

    [Test]
    public void HasPermission_UserGrantNamingAGroup_DoesNotMatchGroupMembers()
    {
        var matrix = Matrix(User(Permission.ItemBuild, "devs"));

        Assert.That(matrix.HasPermission(Alice, Permission.ItemBuild), Is.False);
    }

    [Test]
    public void HasPermission_GroupGrant_MatchesMembersOnly()
    {
        var matrix = Matrix(Group(Permission.ItemConfigure, "Devs"));

        Assert.Multiple(() =>
        {
            Assert.That(matrix.HasPermission(Alice, Permission.ItemConfigure), Is.True);
            Assert.That(matrix.HasPermission(Bob, Permission.ItemConfigure), Is.False);
        });
    }

    [Test]
    public void HasPermission_GroupGrantNamingAUser_DoesNotMatchThatUser()
    {
        var matrix = Matrix(Group(Permission.ItemConfigure, "bob"));

        Assert.That(matrix.HasPermission(Bob, Permission.ItemConfigure), Is.False);
    }

    [Test]
    public void HasPermission_EitherGrant_MatchesUserOrGroup()
    {
        var matrix = Matrix(Either(Permission.ItemCreate, "bob"), Either(Permission.ItemDelete, "devs"));

        Assert.Multiple(() =>
        {
            Assert.That(matrix.HasPermission(Bob, Permission.ItemCreate), Is.True);
            Assert.That(matrix.HasPermission(Alice, Permission.ItemCreate), Is.False);
            Assert.That(matrix.HasPermission(Alice, Permission.ItemDelete), Is.True);
            Assert.That(matrix.HasPermission(Bob, Permission.ItemDelete), Is.False);
        });
    }

    [TestCase(MatrixGrantKind.Group)]
    [TestCase(MatrixGrantKind.Either)]
    public void HasPermission_AuthenticatedGrant_EverySignedInUserButNotAnonymous(MatrixGrantKind kind)
    {
        var matrix = Matrix(new MatrixGrant(kind, Permission.OverallRead, "authenticated"));

        Assert.Multiple(() =>
        {
            Assert.That(matrix.HasPermission(Alice, Permission.OverallRead), Is.True);
            Assert.That(matrix.HasPermission(Bob, Permission.OverallRead), Is.True);
            Assert.That(matrix.HasPermission(Caller.Anonymous, Permission.OverallRead), Is.False);
        });
    }

    [Test]
    public void HasPermission_UserGrantToAuthenticated_IsAUserNamedSoNotEveryone()
    {
        var matrix = Matrix(User(Permission.OverallRead, "authenticated"));

        Assert.That(matrix.HasPermission(Alice, Permission.OverallRead), Is.False);
    }

    [TestCase(MatrixGrantKind.User)]
    [TestCase(MatrixGrantKind.Either)]
    public void HasPermission_AnonymousUserGrant_AppliesToEveryCaller(MatrixGrantKind kind)
    {
        // Jenkins adds the anonymous principal to every check: what anonymous may do, everyone may do.
        var matrix = Matrix(new MatrixGrant(kind, Permission.OverallRead, "anonymous"));

        Assert.Multiple(() =>
        {
            Assert.That(matrix.HasPermission(Caller.Anonymous, Permission.OverallRead), Is.True);
            Assert.That(matrix.HasPermission(Alice, Permission.OverallRead), Is.True);
            Assert.That(matrix.HasPermission(Caller.Anonymous, Permission.ItemRead), Is.False);
        });
    }

    [Test]
    public void HasPermission_AnonymousGroupGrant_OnlyAnonymousCallers()
    {
        var matrix = Matrix(Group(Permission.OverallRead, "anonymous"));

        Assert.Multiple(() =>
        {
            Assert.That(matrix.HasPermission(Caller.Anonymous, Permission.OverallRead), Is.True);
            Assert.That(matrix.HasPermission(Alice, Permission.OverallRead), Is.False);
        });
    }

    [Test]
    public void HasPermission_Administer_ImpliesEveryPermission()
    {
        var matrix = Matrix(User(Permission.Administer, "admin"));
        var admin = Caller.User("admin");

        Assert.Multiple(() =>
        {
            Assert.That(Permission.All.Where(p => !matrix.HasPermission(admin, p)), Is.Empty);
            Assert.That(Permission.All.Where(p => matrix.HasPermission(Alice, p)), Is.Empty);
        });
    }

    [Test]
    public void HasPermission_ConfigureGranted_ImpliesDisabledExtendedRead()
    {
        var matrix = Matrix(User(Permission.ItemConfigure, "alice"));

        Assert.Multiple(() =>
        {
            Assert.That(matrix.HasPermission(Alice, Permission.ItemExtendedRead), Is.True);
            Assert.That(matrix.HasPermission(Alice, Permission.ItemBuild), Is.False);
        });
    }

    [Test]
    public void HasPermission_DisabledPermissionGrantedDirectly_HasNoEffect()
    {
        var matrix = Matrix(User(Permission.ItemExtendedRead, "alice"));

        Assert.That(matrix.HasPermission(Alice, Permission.ItemExtendedRead), Is.False);
    }

    [Test]
    public void HasPermission_OverallReadGranted_DoesNotImplyJobRead()
    {
        var matrix = Matrix(Group(Permission.OverallRead, "authenticated"));

        Assert.Multiple(() =>
        {
            Assert.That(matrix.HasPermission(Alice, Permission.ItemRead), Is.False);
            Assert.That(matrix.HasPermission(Alice, Permission.ViewRead), Is.False);
        });
    }

    [Test]
    public void HasPermission_JobReadGranted_ImpliesDiscover()
    {
        var matrix = Matrix(User(Permission.ItemRead, "alice"));

        Assert.That(matrix.HasPermission(Alice, Permission.ItemDiscover), Is.True);
    }

    [Test]
    public void HasPermission_GrantsFromSeveralSids_AddUp()
    {
        var matrix = Matrix(
            Group(Permission.OverallRead, "authenticated"),
            Group(Permission.ItemRead, "devs"),
            User(Permission.ItemBuild, "alice"),
            User(Permission.ViewRead, "anonymous"));

        Assert.That(Permission.All.Where(p => matrix.HasPermission(Alice, p)), Is.EquivalentTo(new[]
        {
            Permission.OverallRead, Permission.ItemRead, Permission.ItemDiscover, Permission.ItemBuild, Permission.ViewRead,
        }));
    }

    [Test]
    public void HasPermission_EmptyMatrix_DeniesEveryone()
    {
        var matrix = Matrix();

        Assert.That(matrix.HasPermission(Alice, Permission.OverallRead), Is.False);
    }

    [Test]
    public void Constructor_DuplicateGrants_KeptOnce()
    {
        var matrix = Matrix(User(Permission.ItemBuild, "alice"), User(Permission.ItemBuild, "alice"));

        Assert.That(matrix.Grants, Has.Count.EqualTo(1));
    }

    [Test]
    public void ClassName_ProjectMatrix_IsKept()
    {
        var matrix = new GlobalMatrixAuthorizationStrategy([], GlobalMatrixAuthorizationStrategy.ProjectClassName);

        Assert.Multiple(() =>
        {
            Assert.That(matrix.ClassName, Is.EqualTo("hudson.security.ProjectMatrixAuthorizationStrategy"));
            Assert.That(Matrix().ClassName, Is.EqualTo("hudson.security.GlobalMatrixAuthorizationStrategy"));
        });
    }

    [Test]
    public void ToString_Grant_IsTheMatrixAuthForm()
    {
        Assert.Multiple(() =>
        {
            Assert.That(User(Permission.ItemBuild, "alice").ToString(), Is.EqualTo("USER:hudson.model.Item.Build:alice"));
            Assert.That(Group(Permission.OverallRead, "authenticated").ToString(), Is.EqualTo("GROUP:hudson.model.Hudson.Read:authenticated"));
            Assert.That(Either(Permission.Administer, "admin").ToString(), Is.EqualTo("hudson.model.Hudson.Administer:admin"));
        });
    }
}
