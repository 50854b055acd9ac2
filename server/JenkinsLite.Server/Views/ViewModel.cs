using System.Text.RegularExpressions;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Views;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Jobs;

namespace JenkinsLite.Server.Views;

/// <summary>Jenkins' exported views: <c>{_class, name, url}</c> in lists, whole with their jobs on their own page.</summary>
internal sealed class ViewModel(HttpContext context, IViewStore views, JobRegistry jobs, JobModel jobModel)
{
    private readonly string _rootUrl = RootUrl.Of(context);

    /// <summary>The primary view lives at the root URL; the others at <c>view/&lt;name&gt;/</c>.</summary>
    public string UrlOf(ViewConfig view) => UrlOf(_rootUrl, view, views.PrimaryView);

    private static string UrlOf(string rootUrl, ViewConfig view, string? primaryView) =>
        string.Equals(view.Name, primaryView, StringComparison.Ordinal)
            ? rootUrl
            : rootUrl + "view/" + Uri.EscapeDataString(view.Name) + "/";

    public void WriteSummary(ApiWriter writer, ViewConfig view)
    {
        writer.StartObject();
        writer.Fragment(Summaries.Of(view, _rootUrl, views.PrimaryView));
        writer.EndObject();
    }

    // A view's config is replaced, never changed, when the view is: its summary is written once per root URL and
    // primary view (which lives at the root URL), not for every api/json that lists it.
    private static readonly ApiFragmentCache<ViewConfig> Summaries = new((writer, view, rootUrl, primaryView) =>
    {
        writer.Property("_class", view.ClassName);
        writer.Property("name", view.Name);
        writer.Property("url", UrlOf(rootUrl, view, primaryView));
    });

    public void WriteNested(ApiWriter writer, ViewConfig view, int depth)
    {
        if (depth > 0)
        {
            WriteFull(writer, view, depth - 1);
        }
        else
        {
            WriteSummary(writer, view);
        }
    }

    public void WriteFull(ApiWriter writer, ViewConfig view, int depth)
    {
        writer.StartObject();
        writer.Property("_class", view.ClassName);
        writer.Property("description", view.Description);
        writer.Name("jobs");
        jobModel.WriteList(writer, JobsOf(view), depth);
        writer.Property("name", view.Name);
        writer.EmptyArrayProperty("property");
        writer.Property("url", UrlOf(view));
        writer.EndObject();
    }

    /// <summary>An AllView's jobs are the top-level items; a list view's are those it names or its regex matches.</summary>
    public IReadOnlyList<JobItem> JobsOf(ViewConfig view)
    {
        var topLevel = jobs.Children(string.Empty);
        if (view.ShowsAll)
        {
            return topLevel;
        }

        var listed = view.JobNames.Select(jobs.Find).OfType<JobItem>().ToList();
        if (view.IncludeRegex is { } pattern)
        {
            try
            {
                var regex = new Regex("^(?:" + pattern + ")$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
                listed.AddRange(view.Recurse
                    ? jobs.All().Where(i => regex.IsMatch(i.FullName))
                    : topLevel.Where(i => regex.IsMatch(i.Name)));
            }
            catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
            {
                // A broken regex shows no extra jobs, as in Jenkins.
            }
        }

        return [.. listed.DistinctBy(i => i.FullName, StringComparer.OrdinalIgnoreCase).OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
