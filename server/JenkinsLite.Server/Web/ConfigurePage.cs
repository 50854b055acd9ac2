using System.Text;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Secrets;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;

namespace JenkinsLite.Server.Web;

/// <summary>
/// Jenkins' "Configure" page of a freestyle project (<c>/job/&lt;n&gt;/configure</c>) and its <c>configSubmit</c>.
/// The form shows what <see cref="FreestyleSettings"/> holds, in Jenkins' words; a refused form comes back with
/// 400, the typed values and each problem next to its field. Rows are added and removed by the site script
/// from the page's templates; without it, the rows already there still edit and save. Other item types show
/// their config.xml read-only, with a link to <c>editConfigXml</c>, which saves the XML as POST config.xml does.
/// </summary>
internal static class ConfigurePage
{
    private const string EditXml = "editConfigXml";

    public static void MapConfigurePage(this IEndpointRouteBuilder app)
    {
        var routes = JobRoutes.Of(app);

        // Emulates GET /job/N/configure (the form for a freestyle project; other items: their config.xml, read-only)
        routes.Job("configure", JobMethods.Read, Permission.ItemExtendedRead, r => Render(r.Context, r.Job, FormOf(r.Context, r.Job), new Dictionary<string, string>()));

        // Emulates POST /job/N/configSubmit (the form: 302 to the job; refused: 400 with the form and its problems)
        routes.Job("configSubmit", JobMethods.Post, Permission.ItemConfigure, SubmitAsync);

        // Ours: GET /job/N/editConfigXml, any item's config.xml in a form (a page Jenkins leaves to plugins)
        routes.Job(EditXml, JobMethods.Read, Permission.ItemConfigure, r =>
            WebPage.Render<ConfigXmlView>(r.Context, new { Item = r.Job, Xml = Encoding.UTF8.GetString(Jobs(r.Context).ReadConfig(r.Job) ?? []) }));

        // Ours: POST /job/N/editConfigXml, field xml, saved as POST /job/N/config.xml saves it (302 to the job; refused: 400 with the typed XML)
        routes.Job(EditXml, JobMethods.Post, Permission.ItemConfigure, SubmitXmlAsync);
    }

    private static async Task<IResult> SubmitXmlAsync(JobRequest request)
    {
        var context = request.Context;
        string xml;
        try
        {
            var fields = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;

            // A text area sends CRLF line breaks; XML reads them as LF, and Jenkins writes LF.
            xml = fields["xml"].ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (InvalidDataException)
        {
            return Failure.Of(context, $"The form is larger than this server accepts ({RequestBody.ConfigXmlLimit / (1024 * 1024)} MiB for a config.xml).", StatusCodes.Status413PayloadTooLarge);
        }

        var bytes = Encoding.UTF8.GetBytes(xml);
        var result = bytes.Length > RequestBody.ConfigXmlLimit
            ? new JobChangeResult(JobChange.InvalidConfig, $"The document is larger than {RequestBody.ConfigXmlLimit / (1024 * 1024)} MiB.")
            : Jobs(context).UpdateConfig(request.Job.FullName, bytes);
        return result.Outcome switch
        {
            JobChange.Done => Results.Redirect(JobRoutes.UrlOf(context, request.Job.FullName)),
            JobChange.NotFound => Results.NotFound(),
            _ => WebPage.Render<ConfigXmlView>(context, new
            {
                Item = request.Job,
                Xml = xml,
                Problems = new Dictionary<string, string> { ["xml"] = result.Message ?? "The configuration could not be read." },
            }, StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> SubmitAsync(JobRequest request)
    {
        var context = request.Context;
        if (request.Job.Config.Kind != ItemKind.FreeStyle)
        {
            return Failure.Of(context, "Only a freestyle project can be configured with this form; post its config.xml instead.");
        }

        var fields = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var form = ConfigureForm.Read(fields);
        var (settings, problems) = form.ToSettings(request.Job.Config, SecretsOf(context));
        if (problems.Count > 0)
        {
            return Render(context, request.Job, form.WithPasswordsSealed(SecretsOf(context)), problems, StatusCodes.Status400BadRequest);
        }

        var result = Jobs(context).Configure(request.Job.FullName, settings);
        return result.Outcome switch
        {
            JobChange.Done => Results.Redirect(JobRoutes.UrlOf(context, request.Job.FullName)),
            JobChange.NotFound => Results.NotFound(),
            _ => Failure.Of(context, result.Message ?? "The configuration could not be saved."),
        };
    }

    // A reader with Item/ExtendedRead only sees the form too, but not even the encrypted password defaults.
    private static ConfigureForm FormOf(HttpContext context, JobItem job)
    {
        var form = ConfigureForm.Of(job.Config, SecretsOf(context));
        return context.Has(Permission.ItemConfigure, job.FullName) ? form : form.WithPasswordsMasked();
    }

    private static JobRegistry Jobs(HttpContext context) => context.Service<JobRegistry>();

    private static HomeSecrets SecretsOf(HttpContext context) => context.Service<JenkinsInstance>().Secrets;

    private static IResult Render(HttpContext context, JobItem item, ConfigureForm form, IReadOnlyDictionary<string, string> problems, int status = StatusCodes.Status200OK)
    {
        if (item.Config.Kind != ItemKind.FreeStyle)
        {
            var xml = Jobs(context).ReadConfig(item) ?? [];
            return WebPage.Render<ConfigureView>(context, new { Item = item, Xml = Encoding.UTF8.GetString(xml) }, status);
        }

        return WebPage.Render<ConfigureView>(context, new { Item = item, Form = form, Problems = problems }, status);
    }
}
