using System.Net;
using System.Text;

namespace JenkinsLite.Server.Tests.Jobs;

/// <summary>The job endpoints end to end: Jenkins' statuses, redirects and bodies (rest-api.md rows 6–16).</summary>
internal sealed class JobEndpointTests : JobFixture
{
    [Test]
    public async Task CreateItem_Xml_EmptyOkAndConfigXmlGivesTheSameBytes()
    {
        // Arrange
        using var client = AdminToken();

        // Act
        using var created = await PostXmlAsync(client, "createItem?name=bytes-job", FreeStyle);
        using var config = await client.GetAsync("job/bytes-job/config.xml");

        // Assert
        var bytes = await config.Content.ReadAsByteArrayAsync();
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(created.Content.Headers.ContentLength, Is.Zero);
            Assert.That(config.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(config.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
            Assert.That(bytes, Is.EqualTo(Encoding.UTF8.GetBytes(FreeStyle)));
        });
    }

    [TestCase("<!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><project><description>&x;</description></project>")]
    [TestCase("<!DOCTYPE project [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><project><description>&b;</description></project>")]
    [TestCase("<project><description>unclosed</project>")]
    public async Task CreateItem_DtdEntityOrMalformed_400AndNothingWritten(string xml)
    {
        using var client = AdminToken();

        using var response = await PostXmlAsync(client, "createItem?name=hostile", xml);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Headers.Contains("X-Error"), Is.True);
            Assert.That(Directory.Exists(Path.Combine(Server.Home, "jobs", "hostile")), Is.False);
        });
        Assert.That(await StatusAsync("job/hostile/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task CreateItem_Oversized_413AndNothingWritten()
    {
        using var client = AdminToken();
        var huge = "<project><description>" + new string('x', 6 * 1024 * 1024) + "</description></project>";

        using var response = await PostXmlAsync(client, "createItem?name=huge", huge);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(Directory.Exists(Path.Combine(Server.Home, "jobs", "huge")), Is.False);
        });
    }

    [TestCase("..")]
    [TestCase(".")]
    [TestCase("..%2F..%2Fescaped")]
    [TestCase("..%2Fescaped")]
    [TestCase("a%2Fb")]
    [TestCase("a%5Cb")]
    [TestCase("%20")]
    [TestCase("ends.")]
    [TestCase("x%00y")]
    public async Task CreateItem_BadOrEscapingName_400WithXErrorAndNothingOutsideJobs(string encodedName)
    {
        using var client = AdminToken();
        var jobsBefore = Directory.EnumerateFileSystemEntries(Path.Combine(Server.Home, "jobs")).Count();

        using var response = await PostXmlAsync(client, "createItem?name=" + encodedName, FreeStyle);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Headers.Contains("X-Error"), Is.True);
            Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(Server.Home, "jobs")).Count(), Is.EqualTo(jobsBefore));
            Assert.That(Directory.Exists(Path.Combine(Server.Home, "escaped")), Is.False);
            Assert.That(Directory.Exists(Path.Combine(Path.GetDirectoryName(Server.Home)!, "escaped")), Is.False);
        });
    }

    [Test]
    public async Task CreateItem_Duplicate_400WithJenkinsMessage()
    {
        using var client = AdminToken();

        using var response = await PostXmlAsync(client, "createItem?name=HELLO-WORLD", FreeStyle);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Headers.GetValues("X-Error").Single(), Is.EqualTo("A job already exists with the name ?HELLO-WORLD?"));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("A job already exists with the name ‘HELLO-WORLD’"));
        });
    }

    [Test]
    public async Task CreateItem_NoContentTypeOrNoMode_400()
    {
        using var client = AdminToken();

        using var noType = await PostEmptyAsync(client, "createItem?name=untyped");
        using var plain = await client.PostAsync("createItem?name=untyped", new StringContent("x", Encoding.UTF8, "text/plain"));

        Assert.Multiple(async () =>
        {
            Assert.That(noType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await noType.Content.ReadAsStringAsync(), Is.EqualTo("No Content-Type header set"));
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await plain.Content.ReadAsStringAsync(), Is.EqualTo("No mode given"));
        });
    }

    [TestCase("createItem?name=x")]
    [TestCase("job/hello-world/doDelete")]
    [TestCase("job/hello-world/enable")]
    [TestCase("job/hello-world/disable")]
    [TestCase("job/hello-world/doRename?newName=y")]
    [TestCase("job/hello-world/submitDescription")]
    public async Task PostOnlyAction_Get_405AndNothingHappens(string url)
    {
        Assert.That(await StatusAsync(url), Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(await StatusAsync("job/hello-world/api/json"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Copy_302ToConfigureWhichAnswers200_HeldWithNumberingFromOne()
    {
        using var client = AdminToken();

        using var response = await client.PostAsync("createItem?name=copied&mode=copy&from=hello-world", null);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(302));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo(Url("job/copied/configure")));
        });
        Assert.That(await StatusAsync(response.Headers.Location!.ToString()), Is.EqualTo(HttpStatusCode.OK));
        var job = await GetJsonAsync("job/copied/api/json");
        Assert.Multiple(() =>
        {
            Assert.That((bool)job["buildable"]!, Is.False);
            Assert.That((int)job["nextBuildNumber"]!, Is.EqualTo(1));
            Assert.That(job["color"]!.ToString(), Is.EqualTo("notbuilt"));
        });
    }

    [Test]
    public async Task Copy_NodeStyleEmptyXmlBody_302()
    {
        using var client = AdminToken();

        using var response = await PostXmlAsync(client, "createItem?name=node-copy&mode=copy&from=greet", string.Empty);

        Assert.That((int)response.StatusCode, Is.EqualTo(302));
    }

    [Test]
    public async Task Copy_UnknownSource_400()
    {
        using var client = AdminToken();

        using var response = await client.PostAsync("createItem?name=nothing&mode=copy&from=missing", null);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("No such job: missing"));
        });
    }

    [Test]
    public async Task Rename_302ToNewName_OldIs404()
    {
        await CreateAsync("createItem?name=before-rename", FreeStyle);
        using var client = AdminToken();

        using var response = await PostEmptyAsync(client, "job/before-rename/doRename?newName=after-rename");

        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(302));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo(Url("job/after-rename")));
            Assert.That(await StatusAsync("job/after-rename"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync("job/before-rename/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Directory.Exists(Path.Combine(Server.Home, "jobs", "after-rename")), Is.True);
        });
    }

    [TestCase("hello-world")]
    [TestCase("greet")]
    [TestCase("..")]
    [TestCase("a%2Fb")]
    public async Task Rename_UnchangedTakenOrBad_400(string newName)
    {
        using var client = AdminToken();

        using var response = await PostEmptyAsync(client, "job/hello-world/doRename?newName=" + newName);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Delete_302ToRoot_ThenJobIs404()
    {
        await CreateAsync("createItem?name=to-delete", FreeStyle);
        using var client = AdminToken();

        using var response = await PostEmptyAsync(client, "job/to-delete/doDelete");

        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(302));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo(Url(string.Empty)));
            Assert.That(await StatusAsync(string.Empty), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync("job/to-delete/api/json?tree=name"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Directory.Exists(Path.Combine(Server.Home, "jobs", "to-delete")), Is.False);
        });
    }

    [Test]
    public async Task HttpDelete_204()
    {
        await CreateAsync("createItem?name=http-delete", FreeStyle);

        Assert.That(await StatusAsync("job/http-delete/", HttpMethod.Delete), Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await StatusAsync("job/http-delete/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task UnknownJob_404Everywhere()
    {
        using var client = AdminToken();

        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync("job/nope/api/json"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync("job/nope/config.xml"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync("job/nope/"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await PostEmptyAsync(client, "job/nope/doDelete")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await PostEmptyAsync(client, "job/nope/enable")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await PostXmlAsync(client, "job/nope/config.xml", FreeStyle)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await PostXmlAsync(client, "job/nope/createItem?name=x", FreeStyle)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task DisableThenEnable_302ToTheJob_ColorAndStoredXmlFollow()
    {
        await CreateAsync("createItem?name=toggled", FreeStyle);
        using var client = AdminToken();

        using var disabled = await PostEmptyAsync(client, "job/toggled/disable");
        var whileDisabled = await GetJsonAsync("job/toggled/api/json");
        var storedWhileDisabled = await GetTextAsync("job/toggled/config.xml");
        using var enabled = await PostEmptyAsync(client, "job/toggled/enable");
        var afterEnable = await GetJsonAsync("job/toggled/api/json");

        Assert.Multiple(() =>
        {
            Assert.That((int)disabled.StatusCode, Is.EqualTo(302));
            Assert.That(disabled.Headers.Location?.ToString(), Is.EqualTo(Url("job/toggled/")));
            Assert.That(whileDisabled["color"]!.ToString(), Is.EqualTo("disabled"));
            Assert.That((bool)whileDisabled["disabled"]!, Is.True);
            Assert.That((bool)whileDisabled["buildable"]!, Is.False);
            Assert.That(storedWhileDisabled, Does.Contain("<disabled>true</disabled>"));
            Assert.That(storedWhileDisabled, Does.Contain("<some.plugin.Unknown attr=\"kept\">"));
            Assert.That((int)enabled.StatusCode, Is.EqualTo(302));
            Assert.That(afterEnable["color"]!.ToString(), Is.EqualTo("notbuilt"));
        });
    }

    [Test]
    public async Task PostConfigXml_EmptyOk_BadXml400Unchanged_OtherType500()
    {
        await CreateAsync("createItem?name=reconfigured", FreeStyle);
        using var client = AdminToken();
        var changed = FreeStyle.Replace("made by a test", "changed", StringComparison.Ordinal);

        using var ok = await PostXmlAsync(client, "job/reconfigured/config.xml", changed);
        using var bad = await PostXmlAsync(client, "job/reconfigured/config.xml", "<project>");
        using var dtd = await PostXmlAsync(client, "job/reconfigured/config.xml", "<!DOCTYPE p [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><project>&e;</project>");
        using var otherType = await PostXmlAsync(client, "job/reconfigured/config.xml", Folder);

        Assert.Multiple(async () =>
        {
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ok.Content.Headers.ContentLength, Is.Zero);
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(dtd.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((int)otherType.StatusCode, Is.EqualTo(500));
            Assert.That(await GetTextAsync("job/reconfigured/config.xml"), Is.EqualTo(changed));
            Assert.That((await GetJsonAsync("job/reconfigured/api/json?tree=description"))["description"]!.ToString(), Is.EqualTo("changed"));
        });
    }

    [Test]
    public async Task PostConfigXml_Oversized_413()
    {
        using var client = AdminToken();

        using var response = await PostXmlAsync(client, "job/hello-world/config.xml", "<project>" + new string(' ', 6 * 1024 * 1024) + "</project>");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await GetTextAsync("job/hello-world/config.xml"), Does.Contain("Hello from JenkinsLite"));
    }

    [Test]
    public async Task SubmitDescription_302AndDescriptionStored()
    {
        await CreateAsync("createItem?name=described", FreeStyle);
        using var client = AdminToken();

        using var response = await PostAsync(client, "job/described/submitDescription", ("description", "new words"));

        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(302));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo(Url("job/described/")));
            Assert.That((await GetJsonAsync("job/described/api/json"))["description"]!.ToString(), Is.EqualTo("new words"));
        });
    }

    [Test]
    public async Task HeadApiJson_200ForAJob_404ForNone()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync("job/hello-world/api/json", HttpMethod.Head), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync("job/missing/api/json", HttpMethod.Head), Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task JobApi_TreeName_ExactBodyWithStoredSpelling()
    {
        using var client = AdminToken();

        var body = await client.GetStringAsync("job/HELLO-world/api/json?tree=name");

        Assert.That(body, Is.EqualTo("""{"_class":"hudson.model.FreeStyleProject","name":"hello-world"}"""));
    }

    [Test]
    public async Task JobApi_ParameterizedJob_FreestyleShape()
    {
        var job = await GetJsonAsync("job/greet/api/json");

        var definitions = job["property"]![0]!["parameterDefinitions"]!;
        Assert.Multiple(() =>
        {
            Assert.That(job["_class"]!.ToString(), Is.EqualTo("hudson.model.FreeStyleProject"));
            Assert.That(job["url"]!.ToString(), Is.EqualTo(Url("job/greet/")));
            Assert.That(job["fullName"]!.ToString(), Is.EqualTo("greet"));
            Assert.That(job["builds"], Is.Empty);
            Assert.That(job["firstBuild"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.Null));
            Assert.That(job["lastBuild"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.Null));
            Assert.That((bool)job["inQueue"]!, Is.False);
            Assert.That(job["scm"]!["_class"]!.ToString(), Is.EqualTo("hudson.scm.NullSCM"));
            Assert.That(job["property"]![0]!["_class"]!.ToString(), Is.EqualTo("hudson.model.ParametersDefinitionProperty"));
            Assert.That(definitions[0]!["defaultParameterValue"]!["value"]!.ToString(), Is.EqualTo("world"));
            Assert.That(definitions[1]!["choices"]!.Select(c => c.ToString()), Is.EqualTo((string[])["Hello", "Hi", "Good morning"]));
            Assert.That(definitions[2]!["type"]!.ToString(), Is.EqualTo("BooleanParameterDefinition"));
        });
    }

    [Test]
    public async Task JobApi_XmlAndPython_Render()
    {
        var xml = await GetTextAsync("job/hello-world/api/xml?tree=name");
        var python = await GetTextAsync("job/hello-world/api/python?tree=name");

        Assert.Multiple(() =>
        {
            Assert.That(xml, Is.EqualTo("<freeStyleProject _class=\"hudson.model.FreeStyleProject\"><name>hello-world</name></freeStyleProject>"));
            Assert.That(python, Is.EqualTo("{\"_class\":\"hudson.model.FreeStyleProject\",\"name\":\"hello-world\"}"));
        });
    }
}
