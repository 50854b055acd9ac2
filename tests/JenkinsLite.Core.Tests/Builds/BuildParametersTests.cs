using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;

namespace JenkinsLite.Core.Tests.Builds;

internal sealed class BuildParametersTests
{
    private static readonly IReadOnlyList<ParameterDefinition> Greet =
    [
        new("hudson.model.StringParameterDefinition", ParameterKind.Text, "NAME", null, "world", [], true),
        new("hudson.model.ChoiceParameterDefinition", ParameterKind.Choice, "GREETING", null, null, ["Hello", "Hi"], false),
        new("hudson.model.BooleanParameterDefinition", ParameterKind.Boolean, "SHOUT", null, "false", [], false),
        new("hudson.model.PasswordParameterDefinition", ParameterKind.Password, "PW", null, "dflt", [], false),
    ];

    [Test]
    public void Resolve_NothingSubmitted_TakesDefaults()
    {
        // Act
        var resolution = BuildParameters.Resolve(Greet, _ => null);

        // Assert
        Assert.That(resolution.IsValid, Is.True);
        Assert.That(resolution.Values.Select(v => v.ShortDescription), Is.EqualTo(new List<string> { "NAME=world", "GREETING=Hello", "SHOUT=false", "PW=****" }));
    }

    [Test]
    public void Resolve_SubmittedAndUnknownValues_UsesKnownTrimsAndIgnoresUnknown()
    {
        // Arrange
        var submitted = new Dictionary<string, string> { ["NAME"] = "  Ada ", ["GREETING"] = "Hi", ["SHOUT"] = "TRUE", ["PW"] = "s3cret", ["BOGUS"] = "x" };

        // Act
        var resolution = BuildParameters.Resolve(Greet, submitted.GetValueOrDefault);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(resolution.Values.Select(v => v.Value), Is.EqualTo(new List<string> { "Ada", "Hi", "true", "s3cret" }));
            Assert.That(resolution.Values.Select(v => v.ClassName), Is.EqualTo(new List<string>
            {
                "hudson.model.StringParameterValue", "hudson.model.StringParameterValue", "hudson.model.BooleanParameterValue", "hudson.model.PasswordParameterValue",
            }));
            Assert.That(resolution.Values[3].Sensitive, Is.True);
        });
    }

    [TestCase("<DEFAULT>", "dflt")]
    [TestCase("", "")]
    public void Resolve_PasswordFormsDefaultMarker_TakesTheDefault_AnythingElseIsTheValue(string submitted, string expected)
    {
        var resolution = BuildParameters.Resolve(Greet, n => n == "PW" ? submitted : null);

        Assert.That(resolution.Values.Single(v => v.Name == "PW").Value, Is.EqualTo(expected));
    }

    [TestCase("GREETING", "Howdy", "Illegal choice for parameter GREETING: Howdy")]
    [TestCase("SHOUT", "yes", "Invalid boolean value for parameter SHOUT: yes")]
    public void Resolve_BadChoiceOrBoolean_IsRefused(string name, string value, string problem)
    {
        // Act
        var resolution = BuildParameters.Resolve(Greet, n => n == name ? value : null);

        // Assert
        Assert.That(resolution.Problem, Is.EqualTo(problem));
    }
}
