using JenkinsLite.Core.Security.Secrets;

namespace JenkinsLite.Core.Tests.Security.Secrets;

internal sealed class UserDirectoryNameTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    // Expected names computed independently (Python hmac, str.lower, ASCII regex) from Jenkins' rule in User.java.
    [TestCase("admin", "admin_26d538fee66c725d7203f6c4532e79131e618593909aca63038ca9f915e1693e")]
    [TestCase("Alice.Smith@Example.COM", "alicesmithexam_11692222a6049807866e7c2ee86c18a86691f9808b1439c7cdeb00fb56e3cefd")]
    [TestCase("a-user-with-a-very-long-name", "auserwithavery_28add1cb97ce0d0e3b42634106b5f4a8725ab880bbabf7f8d6411145c7095e4b")]
    [TestCase("ÅSA", "sa_b8d90ad5d1a59e01dd24e8fe69c2ff2a5c07945cf554e563ae7daca84c681c82")]
    [TestCase("İlker", "lker_1c756194513043d28bcaf225332cf8553e057ad118b09fe3b6ec1023ec2325a5")]
    [TestCase("ΟΔΥΣΣΕΑΣ", "_3138df9570830ac7a75f88c5a801856667004ed5a060098be3d9895984839e77")]
    public void For_KnownId_ReturnsJenkinsName(string userId, string expected)
    {
        Assert.That(UserDirectoryName.For(userId, Key), Is.EqualTo(expected));
    }

    [Test]
    public void For_IdsDifferingInCase_ShareOneFolder()
    {
        Assert.That(UserDirectoryName.For("Alice", Key), Is.EqualTo(UserDirectoryName.For("alice", Key)));
    }

    [Test]
    public void For_OtherKey_GivesOtherName()
    {
        var otherKey = Enumerable.Repeat((byte)7, 32).ToArray();

        Assert.That(UserDirectoryName.For("admin", otherKey), Is.Not.EqualTo(UserDirectoryName.For("admin", Key)));
    }

    [TestCase("admin")]
    [TestCase("")]
    [TestCase("../../etc")]
    [TestCase("ΟΔΥΣΣΕΑΣ")]
    public void For_AnyId_LooksLikeHashedName(string userId)
    {
        Assert.That(UserDirectoryName.LooksLikeHashedName(UserDirectoryName.For(userId, Key)), Is.True);
    }

    [TestCase("admin_26d538fee66c725d7203f6c4532e79131e618593909aca63038ca9f915e1693e", true)]
    [TestCase("_26d538fee66c725d7203f6c4532e79131e618593909aca63038ca9f915e1693e", true)]
    [TestCase("abcdefghijklmn_26d538fee66c725d7203f6c4532e79131e618593909aca63038ca9f915e1693e", true)]
    [TestCase("abcdefghijklmno_26d538fee66c725d7203f6c4532e79131e618593909aca63038ca9f915e1693e", false)]
    [TestCase("Admin_26d538fee66c725d7203f6c4532e79131e618593909aca63038ca9f915e1693e", false)]
    [TestCase("admin_26D538FEE66C725D7203F6C4532E79131E618593909ACA63038CA9F915E1693E", false)]
    [TestCase("admin_26d538fee66c725d7203f6c4532e79131e618593909aca63038ca9f915e1693", false)]
    [TestCase("admin_26d538fee66c725d7203f6c4532e79131e618593909aca63038ca9f915e1693e\n", false)]
    [TestCase("admin_3190494404640478712", false)]
    [TestCase("admin", false)]
    public void LooksLikeHashedName_Candidate_MatchesJenkinsPattern(string dirName, bool expected)
    {
        Assert.That(UserDirectoryName.LooksLikeHashedName(dirName), Is.EqualTo(expected));
    }
}
