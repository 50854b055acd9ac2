using System.Net;
using System.Text.RegularExpressions;
using JenkinsLite.Server.Tests.Infrastructure;
using JenkinsLite.Server.Tests.Jobs;

namespace JenkinsLite.Server.Tests.Web;

/// <summary>The freestyle "Configure" form: configSubmit writes Jenkins' XML, keeps what it does not show, refuses bad input with the form.</summary>
internal sealed class ConfigurePageTests : JobFixture
{
    private const string UnknownElement = """<some.plugin.Unknown attr="kept">  odd   spacing  </some.plugin.Unknown>""";

    private static readonly string MatrixConfig = TestServer.MatrixConfig(
        "USER:hudson.model.Item.Discover:alice", "USER:hudson.model.Item.Read:carol", "USER:hudson.model.View.Read:carol");

    private static readonly (string Key, string Value)[] GoodForm =
    [
        ("description", "configured <by> form"),
        ("discard", "true"), ("daysToKeep", "7"), ("numToKeep", ""), ("artifactDaysToKeep", ""), ("artifactNumToKeep", "2"),
        ("parameterized", "true"),
        ("parameter.0.kind", "string"), ("parameter.0.name", "GREETING"), ("parameter.0.default", "hello"), ("parameter.0.description", "what to say"),
        ("parameter.3.kind", "boolean"), ("parameter.3.name", "LOUD"), ("parameter.3.default", "true"),
        ("parameter.7.kind", "choice"), ("parameter.7.name", "COLOUR"), ("parameter.7.choices", "red\r\ngreen"),
        ("hasQuietPeriod", "true"), ("quietPeriod", "3"),
        ("remoteTrigger", "true"), ("authToken", "trigger-me"),
        ("builder.0.command", "echo one"), ("builder.5.command", "echo \"$GREETING\"\r\necho two"),
    ];

    [OneTimeSetUp]
    public async Task CreateUsersAsync()
    {
        await CreateUserAsync("alice", "alice-password-4");
        await CreateUserAsync("bob", "bob-password-4");
        await CreateUserAsync("carol", "carol-password-4");
    }

    [Test]
    public async Task ConfigSubmit_WritesJenkinsXml_AndKeepsAnUnknownElementByteForByte()
    {
        // Arrange
        await CreateAsync("createItem?name=round-trip", FreeStyle);
        using var admin = AdminToken();

        // Act
        using var saved = await PostAsync(admin, "job/round-trip/configSubmit", GoodForm);
        var first = await GetTextAsync("job/round-trip/config.xml");
        using var again = await PostAsync(admin, "job/round-trip/configSubmit", GoodForm);
        var second = await GetTextAsync("job/round-trip/config.xml");

        // Assert
        Assert.That((int)saved.StatusCode, Is.EqualTo(302), await saved.Content.ReadAsStringAsync());
        Assert.That(saved.Headers.Location!.AbsolutePath, Is.EqualTo("/job/round-trip/"));
        Assert.That(first, Does.Contain("\n  " + UnknownElement + "\n"), "the plugin's element keeps its bytes");
        Assert.That(first, Does.Contain("<description>configured &lt;by&gt; form</description>"));
        Assert.That(first, Does.Contain("""
              <properties>
                <jenkins.model.BuildDiscarderProperty>
                  <strategy class="hudson.tasks.LogRotator">
                    <daysToKeep>7</daysToKeep>
                    <numToKeep>-1</numToKeep>
                    <artifactDaysToKeep>-1</artifactDaysToKeep>
                    <artifactNumToKeep>2</artifactNumToKeep>
            """.ReplaceLineEndings("\n")));
        Assert.That(first, Does.Contain("""
                    <hudson.model.StringParameterDefinition>
                      <name>GREETING</name>
                      <description>what to say</description>
                      <defaultValue>hello</defaultValue>
                      <trim>false</trim>
                    </hudson.model.StringParameterDefinition>
                    <hudson.model.BooleanParameterDefinition>
                      <name>LOUD</name>
                      <defaultValue>true</defaultValue>
                    </hudson.model.BooleanParameterDefinition>
                    <hudson.model.ChoiceParameterDefinition>
                      <name>COLOUR</name>
                      <choices class="java.util.Arrays$ArrayList">
                        <a class="string-array">
                          <string>red</string>
                          <string>green</string>
            """.ReplaceLineEndings("\n")));
        Assert.That(first, Does.Contain("<quietPeriod>3</quietPeriod>").And.Contain("<authToken>trigger-me</authToken>"));
        Assert.That(first, Does.Contain("""
              <builders>
                <hudson.tasks.Shell>
                  <command>echo one</command>
                </hudson.tasks.Shell>
                <hudson.tasks.Shell>
                  <command>echo "$GREETING"
            echo two</command>
                  <configuredLocalRules/>
                </hudson.tasks.Shell>
              </builders>
            """.ReplaceLineEndings("\n")));
        Assert.That(second, Is.EqualTo(first), "saving the same form again changes nothing");
        var job = await GetJsonAsync("job/round-trip/api/json");
        Assert.That(job["property"]!.ToString(), Does.Contain("GREETING").And.Contain("COLOUR"));
    }

    [Test]
    public async Task ConfigSubmit_UnticksRemoveWhatTheyGuard_AndOtherBuildersStay()
    {
        // Arrange
        await CreateAsync("createItem?name=untick", FreeStyle.Replace("</builders>", "  <hudson.tasks.Ant><targets>x</targets></hudson.tasks.Ant>\n  </builders>", StringComparison.Ordinal));
        using var admin = AdminToken();
        using var first = await PostAsync(admin, "job/untick/configSubmit", GoodForm);

        // Act
        using var second = await PostAsync(admin, "job/untick/configSubmit", ("description", "plain"), ("builder.0.command", "echo only"));

        // Assert
        Assert.That((int)second.StatusCode, Is.EqualTo(302));
        var xml = await GetTextAsync("job/untick/config.xml");
        Assert.That(xml, Does.Not.Contain("ParametersDefinitionProperty").And.Not.Contain("LogRotator")
            .And.Not.Contain("quietPeriod").And.Not.Contain("authToken").And.Not.Contain("echo one"));
        Assert.That(xml, Does.Contain("<hudson.tasks.Ant><targets>x</targets></hudson.tasks.Ant>").And.Contain("<command>echo only</command>"));
        Assert.That(xml, Does.Contain(UnknownElement));
    }

    [Test]
    public async Task ConfigSubmit_BadInput_400WithTheFormTheTypedValuesAndMessagesByTheirFields()
    {
        // Arrange
        await CreateAsync("createItem?name=refused", FreeStyle);
        var before = await GetTextAsync("job/refused/config.xml");
        using var admin = AdminToken();

        // Act
        using var response = await PostAsync(admin, "job/refused/configSubmit",
            ("description", "typed description"), ("hasQuietPeriod", "true"), ("quietPeriod", "soon"), ("parameterized", "true"),
            ("parameter.0.kind", "string"), ("parameter.0.name", "SAME"), ("parameter.0.default", "first default"),
            ("parameter.1.kind", "string"), ("parameter.1.name", "SAME"), ("builder.0.command", "echo typed"));

        // Assert
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(html, Does.Contain("""value="soon" inputmode="numeric" aria-invalid="true" aria-describedby="quietPeriod-error" """));
        Assert.That(html, Does.Contain("""<p class="field-message error" id="quietPeriod-error">Not a non-negative number</p>"""));
        Assert.That(html, Does.Contain("""aria-describedby="parameter-1-name-error" """));
        Assert.That(html, Does.Contain("The parameter name ‘SAME’ is already in use"));
        Assert.That(html, Does.Contain("typed description").And.Contain("first default").And.Contain(">echo typed</textarea>"));
        Assert.That(await GetTextAsync("job/refused/config.xml"), Is.EqualTo(before), "nothing was saved");
    }

    [Test]
    public async Task ConfigSubmit_TextAndPasswordParametersAndArchive_PasswordEncrypted_NeverInThePage_KeptWhenSentBack()
    {
        // Arrange
        const string Password = "pw-default-4711";
        Server.RememberSecret(Password);
        await CreateAsync("createItem?name=secretive", FreeStyle);
        using var admin = AdminToken();
        (string, string)[] form =
        [
            ("parameterized", "true"),
            ("parameter.0.kind", "text"), ("parameter.0.name", "NOTES"), ("parameter.0.default", "line one\r\nline two"),
            ("parameter.1.kind", "password"), ("parameter.1.name", "DEPLOY_KEY"), ("parameter.1.default", Password),
            ("archive", "true"), ("artifacts", "out/*.zip"), ("allowEmptyArchive", "true"),
        ];

        // Act: save, read the form back, save it again as it was shown, then a refused form with a new password typed
        using var saved = await PostAsync(admin, "job/secretive/configSubmit", form);
        var first = await GetTextAsync("job/secretive/config.xml");
        var page = await GetTextAsync("job/secretive/configure");
        var shown = PasswordValue(page);
        using var again = await PostAsync(admin, "job/secretive/configSubmit", [.. form.Select(f => f.Item1 == "parameter.1.default" ? (f.Item1, shown) : f)]);
        var second = await GetTextAsync("job/secretive/config.xml");
        using var refused = await PostAsync(admin, "job/secretive/configSubmit", [.. form, ("hasQuietPeriod", "true"), ("quietPeriod", "soon")]);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        using var reader = Server.Client("admin", await ReadScopedTokenAsync(admin));
        using var readerPage = await reader.GetAsync("job/secretive/configure");
        var readerXml = await reader.GetStringAsync("job/secretive/config.xml");
        using var emptied = await PostAsync(admin, "job/secretive/configSubmit", [.. form.Select(f => f.Item1 == "artifacts" ? (f.Item1, " ") : f)]);

        // Assert
        Assert.That((int)saved.StatusCode, Is.EqualTo(302), await saved.Content.ReadAsStringAsync());
        Assert.That(first, Does.Contain("<hudson.model.TextParameterDefinition>\n          <name>NOTES</name>\n          <defaultValue>line one\nline two</defaultValue>"));
        Assert.That(first, Does.Match(@"<hudson.model.PasswordParameterDefinition>\n +<name>DEPLOY_KEY</name>\n +<defaultValue>\{[A-Za-z0-9+/=]+\}</defaultValue>"));
        Assert.That(first, Does.Contain("<hudson.tasks.ArtifactArchiver>\n      <artifacts>out/*.zip</artifacts>\n      <allowEmptyArchive>true</allowEmptyArchive>"));
        Assert.That(page, Does.Not.Contain(Password), "the default is never shown in plain");
        Assert.That(shown, Does.StartWith("{"));
        Assert.That(page, Does.Contain(">line one&#xA;line two</textarea>").And.Contain("value=\"out/*.zip\""));
        Assert.That((int)again.StatusCode, Is.EqualTo(302));
        Assert.That(second, Is.EqualTo(first), "the encrypted text sent back keeps the default and its bytes");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusedPage, Does.Not.Contain(Password), "a refused form shows the typed password encrypted");
        Assert.That(PasswordValue(refusedPage), Does.StartWith("{"));
        Assert.That(await readerPage.Content.ReadAsStringAsync(), Does.Contain("value=\"********\"").And.Not.Contain(shown).And.Not.Contain(Password),
            "a reader without Item/Configure (here a read-scoped token) sees the default masked, as Jenkins shows it");
        Assert.That(readerXml, Is.EqualTo(Regex.Replace(first, @"<defaultValue>\{[^<]+\}</defaultValue>", "<defaultValue>********</defaultValue>")),
            "and GET config.xml redacts the encrypted default, as Jenkins does for a reader without Item/Configure");
        Assert.That(readerXml, Does.Contain("<name>DEPLOY_KEY</name>"), "other element texts stay, base64-like as they may look");
        Assert.That(emptied.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await emptied.Content.ReadAsStringAsync(), Does.Contain("id=\"artifacts-error\">No artifacts are configured for archiving"));
    }

    private async Task<string> ReadScopedTokenAsync(HttpClient admin)
    {
        using var response = await PostAsync(admin, "user/admin/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken",
            ("newTokenName", "configure-reader"), ("scope", "read"));
        var token = Newtonsoft.Json.Linq.JObject.Parse(await response.Content.ReadAsStringAsync())["data"]!["tokenValue"]!.ToString();
        Server.RememberSecret(token);
        return token;
    }

    private static string PasswordValue(string html)
    {
        var match = Regex.Match(html, "<input type=\"password\" id=\"parameter-1-default\" name=\"parameter.1.default\" value=\"([^\"]*)\"");
        Assert.That(match.Success, Is.True, "the password field is on the page");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [TestCase("bob", "bob-password-4", HttpStatusCode.NotFound)]
    [TestCase("alice", "alice-password-4", HttpStatusCode.Forbidden)]
    [TestCase("carol", "carol-password-4", HttpStatusCode.Forbidden)]
    public async Task Configure_WithoutItemConfigure_404Or403_AndNothingChanges(string user, string password, HttpStatusCode expected)
    {
        // Arrange
        await CreateAsync($"createItem?name=guarded-{user}", FreeStyle);
        var before = await GetTextAsync($"job/guarded-{user}/config.xml");
        using var client = Server.Client(user, password, cookies: true);
        var crumb = await CrumbAsync(client);

        // Act
        using var page = await client.GetAsync($"job/guarded-{user}/configure");
        using var submit = await PostAsync(client, $"job/guarded-{user}/configSubmit", ("description", "changed"), ("Jenkins-Crumb", crumb));

        // Assert
        Assert.That(page.StatusCode, Is.EqualTo(expected));
        Assert.That(submit.StatusCode, Is.EqualTo(expected));
        Assert.That(await GetTextAsync($"job/guarded-{user}/config.xml"), Is.EqualTo(before));
    }

    [Test]
    public async Task ConfigSubmit_PasswordSession_NeedsTheCrumb()
    {
        // Arrange
        await CreateAsync("createItem?name=crumbed", FreeStyle);
        using var client = Server.Client("admin", AdminPassword, cookies: true);
        var crumb = await CrumbAsync(client);

        // Act
        using var without = await PostAsync(client, "job/crumbed/configSubmit", ("description", "no crumb"));
        using var with = await PostAsync(client, "job/crumbed/configSubmit", ("description", "with crumb"), ("Jenkins-Crumb", crumb));

        // Assert
        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((int)with.StatusCode, Is.EqualTo(302));
        Assert.That(await GetTextAsync("job/crumbed/config.xml"), Does.Contain("<description>with crumb</description>"));
    }

    [Test]
    public async Task Configure_Folder_ShowsItsConfigXmlReadOnly_AndRefusesTheForm()
    {
        // Arrange
        await CreateAsync("createItem?name=shelf", Folder);
        using var admin = AdminToken();

        // Act
        var page = await GetTextAsync("job/shelf/configure");
        using var submit = await PostAsync(admin, "job/shelf/configSubmit", ("description", "x"));

        // Assert
        Assert.That(page, Does.Contain("<pre class=\"console\" id=\"config-xml\"").And.Contain("&lt;description&gt;a folder&lt;/description&gt;")
            .And.Contain("href=\"/job/shelf/config.xml\"").And.Not.Contain("configSubmit"));
        Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task EditConfigXml_Folder_SavedAsPostConfigXml_RefusedXmlComesBackAsTyped()
    {
        // Arrange
        await CreateAsync("createItem?name=cabinet", Folder);
        using var admin = AdminToken();
        var stored = await GetTextAsync("job/cabinet/config.xml");
        var edited = stored.Replace("a folder", "an edited folder", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

        // Act
        var configure = await GetTextAsync("job/cabinet/configure");
        var editor = await GetTextAsync("job/cabinet/editConfigXml");
        using var broken = await PostAsync(admin, "job/cabinet/editConfigXml", ("xml", "<com.cloudbees.hudson.plugins.folder.Folder><description>half"));
        using var otherType = await PostAsync(admin, "job/cabinet/editConfigXml", ("xml", "<project/>"));
        var afterRefusals = await GetTextAsync("job/cabinet/config.xml");
        using var saved = await PostAsync(admin, "job/cabinet/editConfigXml", ("xml", edited));

        // Assert
        Assert.That(configure, Does.Contain("href=\"/job/cabinet/editConfigXml\">Edit config.xml</a>"));
        Assert.That(editor, Does.Contain("<textarea id=\"xml\" name=\"xml\" class=\"code\"").And.Contain("&lt;description&gt;a folder&lt;/description&gt;"));
        Assert.That(broken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var brokenPage = await broken.Content.ReadAsStringAsync();
        Assert.That(brokenPage, Does.Contain("&lt;description&gt;half</textarea>").And.Contain("id=\"xml-error\""));
        Assert.That(otherType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await otherType.Content.ReadAsStringAsync(), Does.Contain("Expecting com.cloudbees.hudson.plugins.folder.Folder but got hudson.model.FreeStyleProject instead"));
        Assert.That(afterRefusals, Is.EqualTo(stored), "nothing was saved");
        Assert.That((int)saved.StatusCode, Is.EqualTo(302));
        Assert.That(saved.Headers.Location!.AbsolutePath, Is.EqualTo("/job/cabinet/"));
        Assert.That(await GetTextAsync("job/cabinet/config.xml"), Is.EqualTo(stored.Replace("a folder", "an edited folder", StringComparison.Ordinal)),
            "saved as typed, with the text area's CRLF line breaks back to LF");
    }

    protected override Task<TestServer> StartAsync() => TestServer.StartWithConfigAsync(MatrixConfig);
}
