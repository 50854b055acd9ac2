using JenkinsLite.Core.Users;

namespace JenkinsLite.Core.Tests.Users;

/// <summary>
/// The set-up every <see cref="UserAccounts"/> fixture shares: a fresh <see cref="AccountsHarness"/> for each test,
/// disposed after it. A fixture that needs users adds them in its own [SetUp], which NUnit runs after this one.
/// </summary>
internal abstract class AccountsTestBase
{
    private AccountsHarness? _harness;

    protected AccountsHarness Harness => _harness ?? throw new InvalidOperationException("The harness exists only while a test runs.");

    protected UserAccounts Accounts => Harness.Accounts;

    protected FakeUserRepository Repository => Harness.Repository;

    [SetUp]
    public void CreateHarness()
    {
        _harness = new AccountsHarness();
    }

    [TearDown]
    public void DisposeHarness()
    {
        _harness?.Dispose();
        _harness = null;
    }
}
