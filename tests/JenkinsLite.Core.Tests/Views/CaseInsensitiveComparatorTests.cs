using JenkinsLite.Core.Views;

namespace JenkinsLite.Core.Tests.Views;

internal sealed class CaseInsensitiveComparatorTests
{
    // Java's "a".compareToIgnoreCase("b") sign, as Jenkins' TreeSet of job names orders them.
    [TestCase("a_b", "ab", -1)]   // '_' sorts before letters once both are lower case
    [TestCase("a`", "aZ", -1)]
    [TestCase("B", "a", 1)]
    [TestCase("Hello-World", "hello-world", 0)]
    [TestCase("ab", "abc", -1)]
    [TestCase("team/x", "team-x", 1)]
    public void Compare_AsJavaCompareToIgnoreCase(string x, string y, int sign)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Math.Sign(CaseInsensitiveComparator.Instance.Compare(x, y)), Is.EqualTo(sign));
            Assert.That(Math.Sign(CaseInsensitiveComparator.Instance.Compare(y, x)), Is.EqualTo(-sign));
        });
    }
}
