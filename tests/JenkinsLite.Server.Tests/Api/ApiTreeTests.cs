using JenkinsLite.Server.Api;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Api;

internal sealed class ApiTreeTests
{
    [TestCase("name", 0)]
    [TestCase("jobs[name,color]", 1)]
    [TestCase("name,jobs[name,jobs[name]],views[name]", 2)]
    [TestCase("jobs[url,color,name,jobs[url,color,name,jobs[url,color,name]]]", 3)]
    public void Depth_NestedSpec_CountsBracketLevels(string spec, int depth) =>
        Assert.That(ApiTree.Parse(spec)!.Depth, Is.EqualTo(depth));

    [Test]
    public void Apply_JobsNameColor_KeepsOnlyThoseAndClass()
    {
        // Arrange
        var model = JObject.Parse("""{"_class":"hudson.model.Hudson","mode":"NORMAL","jobs":[{"_class":"hudson.model.FreeStyleProject","name":"a","url":"u","color":"blue"}]}""");

        // Act
        var shaped = ApiTree.Parse("jobs[name,color]")!.Apply(model);

        // Assert
        Assert.That(shaped.ToString(Newtonsoft.Json.Formatting.None),
            Is.EqualTo("""{"_class":"hudson.model.Hudson","jobs":[{"_class":"hudson.model.FreeStyleProject","name":"a","color":"blue"}]}"""));
    }

    [TestCase("jobs[name")]
    [TestCase("jobs[]")]
    [TestCase(",")]
    public void Parse_Malformed_IsNull(string spec) => Assert.That(ApiTree.Parse(spec), Is.Null);
}
