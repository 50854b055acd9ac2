using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Jenkins' "Configure" page of a freestyle project (<c>/job/&lt;n&gt;/configure</c>) and its <c>configSubmit</c>.
/// The form shows what <see cref="FreestyleSettings"/> holds, in Jenkins' words; a refused form comes back with
/// 400, the typed values and each problem next to its field. Rows are added and removed by the site script
/// from the page's templates; without it, the rows already there still edit and save. Other item types show
/// their config.xml read-only.
/// </summary>
internal static partial class ConfigurePage
{
    private const string NotANumber = "Not a non-negative number";

    private static readonly (string Key, ParameterKind Kind, string Label)[] ParameterKinds =
    [
        ("string", ParameterKind.Text, "String Parameter"),
        ("boolean", ParameterKind.Boolean, "Boolean Parameter"),
        ("choice", ParameterKind.Choice, "Choice Parameter"),
    ];

    public static void MapConfigurePage(this IEndpointRouteBuilder app)
    {
        var routes = JobRoutes.Of(app);

        // Emulates GET /job/N/configure (the form for a freestyle project; other items: their config.xml, read-only)
        routes.Job("configure", JobMethods.Read, Permission.ItemExtendedRead, r => Render(r.Context, r.Job, Form.Of(r.Job.Config), new Dictionary<string, string>()));

        // Emulates POST /job/N/configSubmit (the form: 302 to the job; refused: 400 with the form and its problems)
        routes.Job("configSubmit", JobMethods.Post, Permission.ItemConfigure, SubmitAsync);
    }

    private static async Task<IResult> SubmitAsync(JobRequest request)
    {
        var context = request.Context;
        if (request.Job.Config.Kind != ItemKind.FreeStyle)
        {
            return Failure.Of(context, "Only a freestyle project can be configured with this form; post its config.xml instead.");
        }

        var fields = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var form = Form.Read(fields);
        var (settings, problems) = form.ToSettings(request.Job.Config);
        if (problems.Count > 0)
        {
            return Render(context, request.Job, form, problems, StatusCodes.Status400BadRequest);
        }

        var result = context.RequestServices.GetRequiredService<JobRegistry>().Configure(request.Job.FullName, settings);
        return result.Outcome switch
        {
            JobChange.Done => Results.Redirect(JobRoutes.UrlOf(context, request.Job.FullName)),
            JobChange.NotFound => Results.NotFound(),
            _ => Failure.Of(context, result.Message ?? "The configuration could not be saved."),
        };
    }

    private static IResult Render(HttpContext context, JobItem item, Form form, IReadOnlyDictionary<string, string> problems, int status = StatusCodes.Status200OK)
    {
        var path = "/" + JobRoutes.PathOf(item.FullName);
        var title = "Configure " + item.FullDisplayName;
        var heading = $"""<h1><a href="/">Dashboard</a> &#187; <a href="{Html.E(path)}">{Html.E(item.FullDisplayName)}</a> &#187; Configure</h1>""";
        if (item.Config.Kind != ItemKind.FreeStyle)
        {
            var xml = context.RequestServices.GetRequiredService<JobRegistry>().ReadConfig(item) ?? [];
            return WebPage.Render(context, title, $"""
                {heading}
                <section class="panel"><p>This item type has no configuration form here. Its <code>config.xml</code> is shown read-only;
                to change it, post a new one to <a href="{Html.E(path)}config.xml">config.xml</a>.</p>
                <pre class="console" id="config-xml" tabindex="0" aria-label="config.xml">{Html.E(Encoding.UTF8.GetString(xml))}</pre></section>
                """, status);
        }

        var parameters = string.Concat(form.Parameters.Select((p, i) => ParameterRow(p, i.ToString(CultureInfo.InvariantCulture), problems)));
        var steps = string.Concat(form.Commands.Select((c, i) => ShellRow(c, i.ToString(CultureInfo.InvariantCulture), problems)));
        var templates = string.Concat(ParameterKinds.Select(k =>
            $"""<template id="parameter-template-{k.Key}">{ParameterRow(new ParameterFields(k.Key, string.Empty, string.Empty, string.Empty, string.Empty), "__i__", problems)}</template>"""));
        var kindOptions = string.Concat(ParameterKinds.Select(k => $"""<option value="{k.Key}">{k.Label}</option>"""));
        var save = context.Has(Permission.ItemConfigure)
            ? """<p><button type="submit" class="primary">Save</button></p>"""
            : """<p class="notice">You may read this configuration but not change it.</p>""";
        var summary = problems.Count > 0
            ? $"""<p class="notice error" role="alert" id="form-problems">The configuration was not saved: {Html.Plural(problems.Count, "field needs", "fields need")} correcting.</p>"""
            : string.Empty;
        return WebPage.Render(context, title, $"""
            {heading}
            {summary}
            <section class="panel"><form method="post" action="{Html.E(path)}configSubmit" id="configure">{WebPage.CrumbField(context)}
              <h2>General</h2>
              {TextArea("description", "Description", form.Description, problems)}
              {Check("disabled", "Disable this project", form.Disabled)}
              <fieldset><legend>{Check("discard", "Discard old builds", form.Discard)}</legend>
                {Text("daysToKeep", "Days to keep builds", form.DaysToKeep, problems, "inputmode=\"numeric\"")}
                {Text("numToKeep", "Max # of builds to keep", form.NumToKeep, problems, "inputmode=\"numeric\"")}
              </fieldset>
              <fieldset><legend>{Check("parameterized", "This project is parameterized", form.Parameterized)}</legend>
                <div id="parameter-list" data-next="{form.Parameters.Count}">{parameters}</div>
                <label for="parameter-kind">Parameter type</label>
                <select id="parameter-kind">{kindOptions}</select>
                <button type="button" data-add="parameter" data-kind="parameter-kind">Add Parameter</button>
                {templates}
              </fieldset>
              <fieldset><legend>{Check("hasQuietPeriod", "Quiet period", form.HasQuietPeriod)}</legend>
                {Text("quietPeriod", "Quiet period (seconds)", form.QuietPeriod, problems, "inputmode=\"numeric\"")}
              </fieldset>
              <h2>Build Triggers</h2>
              <fieldset><legend>{Check("remoteTrigger", "Trigger builds remotely (e.g., from scripts)", form.RemoteTrigger)}</legend>
                {Text("authToken", "Authentication Token", form.AuthToken, problems, "autocomplete=\"off\"")}
                <p class="help">Use JENKINS_URL{Html.E(path)}build?token=TOKEN_NAME to trigger a build remotely.</p>
              </fieldset>
              <h2>Build Steps</h2>
              <div id="builder-list" data-next="{form.Commands.Count}">{steps}</div>
              <label for="builder-kind">Add build step</label>
              <select id="builder-kind"><option value="shell">Execute shell</option></select>
              <button type="button" data-add="builder" data-kind="builder-kind">Add build step</button>
              <template id="builder-template-shell">{ShellRow(string.Empty, "__i__", problems)}</template>
              {save}
            </form></section>
            """, status);
    }

    private static string ParameterRow(ParameterFields p, string index, IReadOnlyDictionary<string, string> problems)
    {
        var label = ParameterKinds.First(k => k.Key == p.Kind).Label;
        var prefix = "parameter." + index + ".";
        var defaultField = p.Kind switch
        {
            "boolean" => Check(prefix + "default", "Set by Default", p.Default == "true"),
            "choice" => TextArea(prefix + "choices", "Choices (one per line)", p.Choices, problems),
            _ => Text(prefix + "default", "Default Value", p.Default, problems),
        };
        return $"""
            <fieldset class="repeat"><legend>{label}</legend>
              <input type="hidden" name="{prefix}kind" value="{p.Kind}">
              {Text(prefix + "name", "Name", p.Name, problems)}
              {defaultField}
              {TextArea(prefix + "description", "Description", p.Description, problems)}
              <button type="button" data-remove="parameter">Delete<span class="visually-hidden"> this {label}</span></button>
            </fieldset>
            """;
    }

    private static string ShellRow(string command, string index, IReadOnlyDictionary<string, string> problems) => $"""
        <fieldset class="repeat"><legend>Execute shell</legend>
          {TextArea("builder." + index + ".command", "Command", command, problems, "class=\"code\" rows=\"6\" spellcheck=\"false\"")}
          <button type="button" data-remove="builder">Delete<span class="visually-hidden"> this build step</span></button>
        </fieldset>
        """;

    private static string Id(string name) => name.Replace('.', '-');

    private static string Check(string name, string label, bool on) =>
        $"""<label class="check"><input type="checkbox" id="{Id(name)}" name="{name}" value="true"{(on ? " checked" : string.Empty)}> {Html.E(label)}</label>""";

    private static string Text(string name, string label, string value, IReadOnlyDictionary<string, string> problems, string extra = "") =>
        Field(name, label, problems, described => $"""<input type="text" id="{Id(name)}" name="{name}" value="{Html.E(value)}" {extra}{described}>""");

    private static string TextArea(string name, string label, string value, IReadOnlyDictionary<string, string> problems, string extra = "") =>
        Field(name, label, problems, described => $"""<textarea id="{Id(name)}" name="{name}" {extra}{described}>{Html.E(value)}</textarea>""");

    // A label, the control and, when the field was refused, Jenkins' message under it, tied by aria-describedby.
    private static string Field(string name, string label, IReadOnlyDictionary<string, string> problems, Func<string, string> control)
    {
        var problem = problems.GetValueOrDefault(name);
        var messageId = Id(name) + "-error";
        var described = problem is null ? string.Empty : $""" aria-invalid="true" aria-describedby="{messageId}" """;
        var message = problem is null ? string.Empty : $"""<p class="field-message error" id="{messageId}">{Html.E(problem)}</p>""";
        return $"""<div class="field"><label for="{Id(name)}">{Html.E(label)}</label>{control(described)}{message}</div>""";
    }

    /// <summary>One parameter row as typed: the kind's key, and every field as text.</summary>
    private sealed record ParameterFields(string Kind, string Name, string Default, string Description, string Choices);

    /// <summary>The form as typed, so a refused form comes back as it was sent.</summary>
    private sealed record Form(
        string Description, bool Disabled, bool Discard, string DaysToKeep, string NumToKeep, bool Parameterized,
        IReadOnlyList<ParameterFields> Parameters, bool HasQuietPeriod, string QuietPeriod, bool RemoteTrigger, string AuthToken,
        IReadOnlyList<string> Commands)
    {
        public static Form Of(JobConfig config)
        {
            var settings = FreestyleSettings.Of(config);
            return new Form(
                settings.Description, settings.Disabled, settings.Discarder is not null,
                Number(settings.Discarder?.DaysToKeep), Number(settings.Discarder?.NumToKeep), settings.Parameters.Count > 0,
                [.. settings.Parameters.Select(p => new ParameterFields(
                    ParameterKinds.First(k => k.Kind == p.Kind).Key, p.Name, p.DefaultValue ?? string.Empty, p.Description ?? string.Empty, string.Join('\n', p.Choices)))],
                settings.QuietPeriod is not null, Number(settings.QuietPeriod), settings.AuthToken is not null, settings.AuthToken ?? string.Empty,
                settings.ShellCommands);
        }

        public static Form Read(IFormCollection fields)
        {
            string Get(string name) => fields[name].ToString();
            bool On(string name) => fields[name].ToString() is "true" or "on";
            return new Form(
                Get("description"), On("disabled"), On("discard"), Get("daysToKeep").Trim(), Get("numToKeep").Trim(), On("parameterized"),
                [.. Rows(fields, RowKey(), "parameter", "kind")
                    .Where(i => ParameterKinds.Any(k => k.Key == Get($"parameter.{i}.kind")))
                    .Select(i => new ParameterFields(Get($"parameter.{i}.kind"), Get($"parameter.{i}.name"),
                        Get($"parameter.{i}.kind") == "boolean" ? (On($"parameter.{i}.default") ? "true" : "false") : Get($"parameter.{i}.default"),
                        Get($"parameter.{i}.description"), Get($"parameter.{i}.choices")))],
                On("hasQuietPeriod"), Get("quietPeriod").Trim(), On("remoteTrigger"), Get("authToken"),
                [.. Rows(fields, RowKey(), "builder", "command").Select(i => Get($"builder.{i}.command").ReplaceLineEndings("\n"))]);
        }

        /// <summary>The settings to save, or the problems keyed by field name (rows numbered as they are shown).</summary>
        public (FreestyleSettings Settings, IReadOnlyDictionary<string, string> Problems) ToSettings(JobConfig current)
        {
            var problems = new Dictionary<string, string>(StringComparer.Ordinal);
            int? Parse(string name, string text, bool used)
            {
                if (!used || text.Length == 0)
                {
                    return null;
                }

                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                problems[name] = NotANumber;
                return null;
            }

            var discarder = Discard
                ? new BuildDiscarder(Parse("daysToKeep", DaysToKeep, true), Parse("numToKeep", NumToKeep, true),
                    current.Discarder?.ArtifactDaysToKeep, current.Discarder?.ArtifactNumToKeep)
                : null;
            var parameters = Parameterized
                ? Parameters.Select(p =>
                {
                    var kind = ParameterKinds.First(k => k.Key == p.Kind).Kind;
                    var choices = kind == ParameterKind.Choice ? p.Choices.ReplaceLineEndings("\n").Split('\n').Where(c => c.Length > 0).ToList() : [];
                    var existing = current.Parameters.FirstOrDefault(e => e.Kind == kind && e.Name == p.Name.Trim());
                    return new ParameterDefinition(string.Empty, kind, p.Name.Trim(), p.Description, kind == ParameterKind.Choice ? null : p.Default,
                        choices, existing?.Trim ?? false);
                }).ToList()
                : [];
            var settings = new FreestyleSettings(Description, Disabled, discarder, parameters,
                Parse("quietPeriod", QuietPeriod, HasQuietPeriod), RemoteTrigger ? AuthToken.Trim() : null, Commands);
            foreach (var (field, problem) in settings.Problems())
            {
                problems.TryAdd(field, problem);
            }

            return (settings, problems);
        }

        private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

        // The row numbers the browser sent (the script numbers added rows on), in order.
        private static IEnumerable<string> Rows(IFormCollection fields, Regex key, string list, string field) =>
            fields.Keys.Select(k => key.Match(k))
                .Where(m => m.Success && m.Groups[1].Value == list && m.Groups[3].Value == field)
                .Select(m => m.Groups[2].Value)
                .OrderBy(i => int.Parse(i, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(parameter|builder)\.(\d{1,6})\.(\w+)$")]
    private static partial Regex RowKey();
}
