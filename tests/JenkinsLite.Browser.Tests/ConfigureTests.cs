using JenkinsLite.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace JenkinsLite.Browser.Tests;

/// <summary>The freestyle "Configure" form driven as a person: rows added and removed by mouse and keyboard, a refused field, then a parameterized build.</summary>
internal sealed class ConfigureTests : BrowserTest
{
    [Test]
    public async Task Configure_StepsAndParametersReordered_FromTheKeyboard_AndConcurrentBuilds_AreSaved()
    {
        // Arrange: a new project with two parameters and two shell steps
        var page = await NewItemAsync("reordered", "Freestyle project");
        await page.GetByLabel("This project is parameterized").CheckAsync();
        await page.ClickAsync("button:has-text('Add Parameter')");
        await page.FillAsync("#parameter-0-name", "ALPHA");
        await page.ClickAsync("button:has-text('Add Parameter')");
        await page.FillAsync("#parameter-1-name", "BETA");
        await page.ClickAsync("button:has-text('Add build step')");
        await page.FillAsync("#builder-0-command", "echo step-a");
        await page.ClickAsync("button:has-text('Add build step')");
        await page.FillAsync("#builder-1-command", "echo step-b");

        await page.GetByLabel("Execute concurrent builds if necessary").CheckAsync();

        // Act: move the second step up and the first parameter down, by keyboard
        var moveUp = page.Locator("#builder-list .repeat").Nth(1).Locator("button[data-move=up]");
        await moveUp.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var moveDown = page.Locator("#parameter-list .repeat").Nth(0).Locator("button[data-move=down]");
        await moveDown.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // Assert: the rows and their numbers follow, focus stays on the pressed button
        Assert.That(await page.InputValueAsync("#builder-0-command"), Is.EqualTo("echo step-b"));
        Assert.That(await page.InputValueAsync("#parameter-0-name"), Is.EqualTo("BETA"));
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.dataset.move"), Is.EqualTo("down"));
        await page.ClickAsync("button:has-text('Save')");
        await page.WaitForURLAsync("**/job/reordered/");
        var config = await (await page.APIRequest.GetAsync(Url("job/reordered/config.xml"))).TextAsync();
        Assert.That(config.IndexOf("echo step-b", StringComparison.Ordinal), Is.LessThan(config.IndexOf("echo step-a", StringComparison.Ordinal)));
        Assert.That(config.IndexOf("<name>BETA</name>", StringComparison.Ordinal), Is.LessThan(config.IndexOf("<name>ALPHA</name>", StringComparison.Ordinal)));
        Assert.That(config, Does.Contain("<concurrentBuild>true</concurrentBuild>"));
    }

    [Test]
    public async Task Configure_TwoParametersAndTwoShellSteps_ThenBuildWithParameters_AndSeeTheConsole()
    {
        // Arrange: a new freestyle project through New Item lands on its configure page
        var page = await NewItemAsync("configured-in-browser", "Freestyle project");

        // Act: two string parameters (one added from the keyboard), a third added and deleted, two shell steps
        await page.GetByLabel("Description", new() { Exact = true }).First.FillAsync("Made through the form");
        await page.GetByLabel("This project is parameterized").CheckAsync();
        await page.ClickAsync("button:has-text('Add Parameter')");
        await page.Locator("#parameter-0-name:focus").WaitForAsync();
        await page.Keyboard.TypeAsync("FIRST");
        await page.FillAsync("#parameter-0-default", "one");
        await page.Locator("button:has-text('Add Parameter')").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#parameter-1-name:focus").WaitForAsync();
        await page.Keyboard.TypeAsync("SECOND");
        await page.FillAsync("#parameter-1-default", "two");
        await page.SelectOptionAsync("#parameter-kind", "boolean");
        await page.ClickAsync("button:has-text('Add Parameter')");
        await page.FillAsync("#parameter-2-name", "UNWANTED");
        await page.Locator("#parameter-2-name").Locator("xpath=ancestor::fieldset[1]").Locator("button:has-text('Delete')").ClickAsync();
        Assert.That(await page.Locator("#parameter-2-name").CountAsync(), Is.EqualTo(0));
        await page.Locator("button:has-text('Add Parameter'):focus").WaitForAsync();
        await page.ClickAsync("button:has-text('Add build step')");
        await page.Locator("#builder-0-command:focus").WaitForAsync();
        await page.Keyboard.TypeAsync("echo \"first=$FIRST\"");
        await page.ClickAsync("button:has-text('Add build step')");
        await page.FillAsync("#builder-1-command", "echo \"second=$SECOND\"");
        await page.GetByLabel("Quiet period", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Quiet period (seconds)").FillAsync("soon");
        await ScreenshotAsync(page, "configure");
        await page.ClickAsync("button:has-text('Save')");

        // Assert: the refused quiet period is named by its field, and everything typed is still there
        await page.Locator("#quietPeriod-error", new() { HasText = "Not a non-negative number" }).WaitForAsync();
        Assert.That(await page.GetAttributeAsync("#quietPeriod", "aria-describedby"), Is.EqualTo("quietPeriod-error"));
        Assert.That(await page.InputValueAsync("#quietPeriod"), Is.EqualTo("soon"));
        Assert.That(await page.InputValueAsync("#parameter-1-name"), Is.EqualTo("SECOND"));
        Assert.That(await page.InputValueAsync("#builder-0-command"), Is.EqualTo("echo \"first=$FIRST\""));
        await ScreenshotAsync(page, "configure-error");

        // Act: correct it and save, then build with parameters from the job page
        await page.GetByLabel("Quiet period (seconds)").FillAsync("0");
        await page.ClickAsync("button:has-text('Save')");
        await page.WaitForURLAsync("**/job/configured-in-browser/");
        await page.ClickAsync("summary:has-text('Build with Parameters')");
        await page.Locator("input[name=SECOND]").FillAsync("typed");
        await page.Locator("button:has-text('Build')").ClickAsync();
        var row = page.Locator("#builds tr[data-build='1']");
        await ReloadUntilAsync(page, async () => await row.CountAsync() > 0);

        // Assert: the console shows both steps with the default and the typed value
        await row.Locator("a:has-text('#1')").ClickAsync();
        await page.WaitForURLAsync("**/job/configured-in-browser/1/console");
        await page.Locator("#console", new() { HasText = "second=typed" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.That(await page.InnerTextAsync("#console"), Does.Contain("first=one"));
        using var client = Server.Client("admin", BrowserSession.AdminPassword);
        var xml = await client.GetStringAsync("job/configured-in-browser/config.xml");
        Assert.That(xml, Does.Contain("<quietPeriod>0</quietPeriod>").And.Not.Contain("UNWANTED"));
    }

    [Test]
    public async Task Configure_MultiLineAndPasswordParameters_AndArchiveTheArtifacts_ThenBuildWithTheDefaults()
    {
        // Arrange: a new project's configure page
        const string Password = "browser-default-pw";
        Server.RememberSecret(Password);
        var page = await NewItemAsync("archiving", "Freestyle project");

        // Act: a multi-line string and a password parameter, a step that makes a file, and "Archive the artifacts"
        await page.GetByLabel("This project is parameterized").CheckAsync();
        await page.GetByLabel("Parameter type").SelectOptionAsync(new SelectOptionValue { Label = "Multi-line String Parameter" });
        await page.ClickAsync("button:has-text('Add Parameter')");
        await page.Keyboard.TypeAsync("NOTES");
        await page.FillAsync("#parameter-0-default", "first line\nsecond line");
        await page.GetByLabel("Parameter type").SelectOptionAsync(new SelectOptionValue { Label = "Password Parameter" });
        await page.ClickAsync("button:has-text('Add Parameter')");
        await page.Keyboard.TypeAsync("DEPLOY_KEY");
        await page.FillAsync("#parameter-1-default", Password);
        await page.ClickAsync("button:has-text('Add build step')");
        await page.Keyboard.TypeAsync("mkdir -p out && echo \"$NOTES\" > out/notes.txt && echo \"key-length=${#DEPLOY_KEY}\"");
        await page.GetByLabel("Discard old builds").CheckAsync();
        await page.GetByLabel("Max # of builds to keep with artifacts").FillAsync("3");
        await page.GetByLabel("Archive the artifacts").CheckAsync();
        await page.GetByLabel("Files to archive").FillAsync("out/*.txt, missing/*.jar");
        await page.GetByLabel("Do not fail build if archiving returns nothing").CheckAsync();
        await ScreenshotAsync(page, "configure-archive-and-password");
        await page.ClickAsync("button:has-text('Save')");
        await page.WaitForURLAsync("**/job/archiving/");

        // Assert: Jenkins' XML, the password encrypted; the form shows it back only encrypted
        using var client = Server.Client("admin", BrowserSession.AdminPassword);
        var xml = await client.GetStringAsync("job/archiving/config.xml");
        Assert.That(xml, Does.Contain("<hudson.model.TextParameterDefinition>").And.Contain("<defaultValue>first line\nsecond line</defaultValue>"));
        Assert.That(xml, Does.Match(@"<hudson.model.PasswordParameterDefinition>\s*<name>DEPLOY_KEY</name>\s*<defaultValue>\{[^<]+\}</defaultValue>"));
        Assert.That(xml, Does.Not.Contain(Password));
        Assert.That(xml, Does.Contain("<artifacts>out/*.txt, missing/*.jar</artifacts>\n      <allowEmptyArchive>true</allowEmptyArchive>"));
        Assert.That(xml, Does.Contain("<numToKeep>-1</numToKeep>\n        <artifactDaysToKeep>-1</artifactDaysToKeep>\n        <artifactNumToKeep>3</artifactNumToKeep>"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Configure", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/job/archiving/configure");
        Assert.That(await page.InputValueAsync("#parameter-1-default"), Does.StartWith("{").And.Not.Contain(Password));
        Assert.That(await page.GetByLabel("Files to archive").InputValueAsync(), Is.EqualTo("out/*.txt, missing/*.jar"));
        Assert.That(await page.GetByLabel("Do not fail build if archiving returns nothing").IsCheckedAsync(), Is.True);

        // Act: build with the parameters' defaults, as shown
        await page.GotoAsync(Url("job/archiving/"));
        await page.ClickAsync("summary:has-text('Build with Parameters')");
        var notes = page.Locator("form [name=NOTES]");
        var key = page.Locator("form [name=DEPLOY_KEY]");
        Assert.That(await notes.EvaluateAsync<string>("e => e.tagName"), Is.EqualTo("TEXTAREA"));
        Assert.That(await notes.InputValueAsync(), Is.EqualTo("first line\nsecond line"));
        Assert.That(await key.GetAttributeAsync("type"), Is.EqualTo("password"));
        Assert.That(await key.InputValueAsync(), Is.Not.EqualTo(Password), "the default never reaches the page");
        await ScreenshotAsync(page, "build-with-parameters");
        await page.Locator("button:has-text('Build')").ClickAsync();
        var row = page.Locator("#builds tr[data-build='1']");
        await ReloadUntilAsync(page, async () => await row.CountAsync() > 0);

        // Assert: the default password was used, and the file was archived although one pattern matched nothing
        await row.Locator("a:has-text('#1')").ClickAsync();
        await page.Locator("#console", new() { HasText = "Finished: SUCCESS" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.That(await page.InnerTextAsync("#console"), Does.Contain($"key-length={Password.Length}"));
        await page.ReloadAsync();
        var artifact = page.GetByRole(AriaRole.Link, new() { Name = "out/notes.txt" });
        Assert.That(await artifact.GetAttributeAsync("href"), Is.EqualTo("/job/archiving/1/artifact/out/notes.txt"));
        var file = await page.APIRequest.GetAsync(Url("job/archiving/1/artifact/out/notes.txt"));
        Assert.That(await file.TextAsync(), Is.EqualTo("first line\nsecond line\n"));
        await ScreenshotAsync(page, "console-with-artifacts");
    }

    [Test]
    public async Task Configure_Folder_ShowsItsXml_EditedAsXml_ARefusedDocumentKeepsWhatWasTyped()
    {
        // Arrange: a folder made through New Item lands on its configure page, which shows the XML read-only
        var page = await NewItemAsync("xml-folder", "Folder");
        Assert.That(await page.GetByLabel("config.xml").InnerTextAsync(), Does.Contain("<com.cloudbees.hudson.plugins.folder.Folder"));
        await ScreenshotAsync(page, "configure-folder");

        // Act: edit it as XML, first with a broken document
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit config.xml" }).ClickAsync();
        await page.WaitForURLAsync("**/job/xml-folder/editConfigXml");
        var editor = page.GetByRole(AriaRole.Textbox, new() { Name = "config.xml" });
        var original = await editor.InputValueAsync();
        const string Broken = "<com.cloudbees.hudson.plugins.folder.Folder>\n  <description>unfinished";
        await editor.FillAsync(Broken);
        await page.ClickAsync("button:has-text('Save')");

        // Assert: the reason is shown under the field, tied to it, and the typed XML is still there
        await page.Locator("#xml-error").WaitForAsync();
        Assert.That(await editor.InputValueAsync(), Is.EqualTo(Broken));
        Assert.That(await editor.GetAttributeAsync("aria-describedby"), Is.EqualTo("xml-error"));
        await ScreenshotAsync(page, "edit-config-xml-error");

        // Act: a whole document with a new description
        await editor.FillAsync(original.Replace("</com.cloudbees.hudson.plugins.folder.Folder>",
            "  <!-- kept -->\n</com.cloudbees.hudson.plugins.folder.Folder>", StringComparison.Ordinal));
        await page.ClickAsync("button:has-text('Save')");

        // Assert: saved as typed
        await page.WaitForURLAsync("**/job/xml-folder/");
        using var client = Server.Client("admin", BrowserSession.AdminPassword);
        var xml = await client.GetStringAsync("job/xml-folder/config.xml");
        Assert.That(xml, Does.EndWith("  <!-- kept -->\n</com.cloudbees.hudson.plugins.folder.Folder>").And.Not.Contain("\r"));
    }

    // Signs in as admin and makes the item through New Item, which lands on its configure page.
    private async Task<IPage> NewItemAsync(string name, string type)
    {
        var page = await SignInAsync("admin", BrowserSession.AdminPassword, "/newJob");
        await page.WaitForURLAsync("**/newJob");
        await page.GetByLabel("Enter an item name").FillAsync(name);
        await page.Locator("#name-check:not(.error)", new() { HasText = string.Empty }).WaitForAsync();
        await page.GetByLabel(type, new() { Exact = true }).CheckAsync();
        await page.ClickAsync("button:has-text('OK')");
        await page.WaitForURLAsync($"**/job/{name}/configure");
        return page;
    }
}
