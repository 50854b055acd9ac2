using System.Globalization;
using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Builds;
using JenkinsLite.Server.Security;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Queue;

/// <summary>Jenkins' build queue over HTTP (rest-api.md row 20, section 4, 5.4, 9.1).</summary>
internal static class QueueEndpoints
{
    public static void MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        // Emulates GET /queue/api/{json,xml,python} (hudson.model.Queue): the items still waiting; 403 without Overall/Read
        app.MapRead("/queue/api/{flavor}", (HttpContext context, string flavor, BuildQueue queue, IJobCatalog jobs, BuildRecords records) =>
            ApiResponse.Render(context, flavor, new JObject
            {
                ["_class"] = "hudson.model.Queue",
                ["discoverableItems"] = new JArray(),
                ["items"] = new JArray(queue.Pending().Select(i => Item(i, context, jobs, records, queue)).OfType<JObject>()),
            }, "hudson.model.Queue")).Requires(Permission.OverallRead);

        // Emulates GET /queue/item/<id>/api/{json,xml,python} (Queue.Item, 5.4): 200; 404 unknown or expired
        app.MapRead("/queue/item/{id}/api/{flavor}", (HttpContext context, string id, string flavor, BuildQueue queue, IJobCatalog jobs, BuildRecords records) =>
            Visible(context, id, queue, jobs, records) is { } item
                ? ApiResponse.Render(context, flavor, item, "queueItem")
                : Failure.NotFound("No such queue item")).Requires(Permission.OverallRead);

        // Emulates GET /queue/item/<id>/ (python-jenkins may follow a 303 here): 200; 404
        app.MapRead("/queue/item/{id}", (HttpContext context, string id, BuildQueue queue, IJobCatalog jobs, BuildRecords records) =>
            Visible(context, id, queue, jobs, records) is not null
                ? Results.Text($"<html><body>Queue item {System.Net.WebUtility.HtmlEncode(id)}</body></html>", "text/html;charset=utf-8")
                : Failure.NotFound("No such queue item")).Requires(Permission.OverallRead);

        // Emulates POST /queue/cancelItem?id= (Queue.doCancelItem): 204; 404 unknown; 422 already left; 403 without Job/Cancel
        app.MapPostOnly("/queue/cancelItem", async (HttpContext context, BuildQueue queue) =>
            Cancel(context, await context.ParamAsync("id"), queue)).Requires(Permission.OverallRead);

        // Emulates POST /queue/item/<id>/cancelQueue (Queue.Item.doCancelQueue): 204 as Jenkins (node's client wants 302, rest-api.md 9.1)
        app.MapPostOnly("/queue/item/{id}/cancelQueue", (HttpContext context, string id, BuildQueue queue) =>
            Cancel(context, id, queue)).Requires(Permission.OverallRead);
    }

    private static JObject? Visible(HttpContext context, string id, BuildQueue queue, IJobCatalog jobs, BuildRecords records) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && queue.Find(number) is { } view
            ? Item(view, context, jobs, records, queue)
            : null;

    private static IResult Cancel(HttpContext context, string? id, BuildQueue queue)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || queue.Find(number) is not { } view
            || !context.Has(Permission.ItemRead, view.Item.JobFullName))
        {
            return Failure.NotFound($"Item for {id} not found");
        }

        if (!context.Has(Permission.ItemCancel, view.Item.JobFullName))
        {
            return Forbidden.For(context, Permission.ItemCancel);
        }

        return queue.Cancel(view.Item.Id, "cancelled by " + context.Caller().Name) switch
        {
            CancelOutcome.Cancelled => Results.StatusCode(StatusCodes.Status204NoContent),
            CancelOutcome.NotCancellable => Results.Text($"Item for {number} not found", "text/plain;charset=utf-8", Encoding.UTF8,
                StatusCodes.Status422UnprocessableEntity),
            _ => Failure.NotFound($"Item for {number} not found"),
        };
    }

    /// <summary>A queue item's JSON (5.4); null when the caller may not see its job.</summary>
    private static JObject? Item(QueueItemView view, HttpContext context, IJobCatalog jobs, BuildRecords records, BuildQueue queue)
    {
        if (!context.Has(Permission.ItemRead, view.Item.JobFullName))
        {
            return null;
        }

        var item = view.Item;
        var root = RootUrl.Of(context);
        var job = jobs.Find(item.JobFullName);
        var json = new JObject
        {
            ["_class"] = "hudson.model.Queue$" + view.State switch
            {
                QueueItemState.Waiting => "WaitingItem",
                QueueItemState.Blocked => "BlockedItem",
                QueueItemState.Buildable => "BuildableItem",
                _ => "LeftItem",
            },
            ["actions"] = ApiTokenWriter.Of(writer => BuildModel.WriteActions(writer, item.Causes, item.Parameters)),
            ["blocked"] = view.State == QueueItemState.Blocked,
            ["buildable"] = view.State == QueueItemState.Buildable,
            ["id"] = item.Id,
            ["inQueueSince"] = item.InQueueSince.ToUnixTimeMilliseconds(),
            ["params"] = item.ParamsText,
            ["stuck"] = false,
            ["task"] = Task(item.JobFullName, job, root, records, queue),
            ["url"] = $"queue/item/{item.Id}/",
            ["why"] = view.Why,
        };
        switch (view.State)
        {
            case QueueItemState.Waiting:
                json["timestamp"] = item.BuildableAt.ToUnixTimeMilliseconds();
                break;
            case QueueItemState.Blocked or QueueItemState.Buildable:
                json["buildableStartMilliseconds"] = item.BuildableAt.ToUnixTimeMilliseconds();
                json["pending"] = false;
                break;
            default:
                json["cancelled"] = item.Cancelled;
                json["executable"] = item.BuildNumber is { } number && job is not null ? ApiTokenWriter.Of(writer => BuildModel.WriteReference(writer, job, number, root)) : null;
                break;
        }

        return json;
    }

    private static JObject Task(string fullName, JobItem? job, string root, BuildRecords records, BuildQueue queue) => new()
    {
        ["_class"] = job?.Config.ClassName ?? "hudson.model.FreeStyleProject",
        ["name"] = fullName[(fullName.LastIndexOf('/') + 1)..],
        ["url"] = JobRoutes.UrlOf(root, fullName),
        ["color"] = job is null ? "notbuilt" : BuildModel.ColorOf(job, records.Of(fullName), queue.IsBuilding(fullName)),
    };
}
