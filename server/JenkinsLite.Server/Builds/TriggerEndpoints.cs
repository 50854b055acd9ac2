using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Core.Builds;
using JenkinsLite.Core.Jobs;
using JenkinsLite.Core.Security.Authorization;
using JenkinsLite.Persistence.Builds;
using JenkinsLite.Server.Api;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Builds;

/// <summary>Starting builds: rest-api.md rows 17–19 (routed by <see cref="BuildRoutes"/>).</summary>
internal static class TriggerEndpoints
{
    /// <summary>Longer delays are cut to this (Jenkins takes any; a date this far off cannot overflow).</summary>
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(3650);

    // Emulates POST /job/<n>/build (ParameterizedJobMixIn.doBuild): 201 + Location of the queue item;
    // 409 not buildable; 400 "Nothing is submitted" for a parameterized job without the json form;
    // 403 no Job/Build or wrong token; 405 GET without the token; GET on a parameterized job: the form (200).
    // Emulates POST /job/<n>/buildWithParameters (query or form values): 201 + Location; 400 not parameterized; 409; 403; 405.
    public static async Task<IResult> TriggerAsync(JobRequest request, bool withParameters)
    {
        var (context, job) = (request.Context, request.Job);
        if (job.Config.Kind == ItemKind.Folder)
        {
            return Failure.NotFound($"{job.FullName} is a folder");
        }

        var isPost = HttpMethods.IsPost(context.Request.Method);
        var buildable = !job.Config.Disabled && !job.HeldAfterCopy;
        if (!withParameters)
        {
            if (!buildable)
            {
                return NotBuildable(context, job);
            }

            if (job.Config.IsParameterized && !isPost)
            {
                return ParameterForm(job);
            }
        }

        var byToken = await CheckTokenAsync(context, job, isPost);
        if (byToken.Refusal is not null)
        {
            return byToken.Refusal;
        }

        if (withParameters && !buildable)
        {
            return NotBuildable(context, job);
        }

        var delay = await DelayAsync(context, job);
        if (delay is null)
        {
            return Failure.Of(context, "Invalid time duration value: " + await context.ParamAsync("delay"));
        }

        ParameterResolution parameters;
        if (withParameters)
        {
            if (!job.Config.IsParameterized)
            {
                return Failure.Of(context, "This build is not parameterized!");
            }

            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            parameters = BuildParameters.Resolve(job.Config.Parameters, name =>
                form is not null && form.TryGetValue(name, out var fromForm) ? fromForm.ToString()
                : context.Request.Query.TryGetValue(name, out var fromQuery) ? fromQuery.ToString()
                : null);
        }
        else if (job.Config.IsParameterized)
        {
            if (SubmittedParameters(await SubmittedForm.ReadAsync(context)) is not { } submitted)
            {
                return Failure.Of(context, "Nothing is submitted");
            }

            parameters = BuildParameters.Resolve(job.Config.Parameters, name => submitted.GetValueOrDefault(name));
        }
        else
        {
            parameters = new ParameterResolution([], null);
        }

        if (!parameters.IsValid)
        {
            return Failure.Of(context, parameters.Problem!);
        }

        var caller = context.Caller();
        var cause = byToken.Remote
            ? BuildCause.ByRemoteHost(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", await context.ParamAsync("cause"))
            : BuildCause.ByUser(caller.User?.Id, caller.User?.FullName);
        var item = context.Service<BuildQueue>().Schedule(job.FullName, delay.Value, [cause], parameters.Values);
        context.Response.Headers.Location = RootUrl.Of(context) + "queue/item/" + item.Id.ToString(CultureInfo.InvariantCulture) + "/";
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    // BuildAuthorizationToken.checkPermission: a matching token replaces Job/Build (and makes GET legal);
    // a wrong one is refused; without one, Job/Build is needed and the request must be a POST.
    private static async Task<(bool Remote, IResult? Refusal)> CheckTokenAsync(HttpContext context, JobItem job, bool isPost)
    {
        var presented = await context.ParamAsync("token");
        if (job.Config.AuthToken is { Length: > 0 } expected && presented is not null)
        {
            var matches = CryptographicOperations.FixedTimeEquals(
                SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
            return matches
                ? (true, null)
                : (false, Results.Text("Invalid token provided.", "text/plain;charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden));
        }

        if (!context.Has(Permission.ItemBuild, job.FullName))
        {
            return (false, Forbidden.For(context, Permission.ItemBuild));
        }

        if (!isPost)
        {
            return (false, RouteExtensions.RequirePostPage(context));
        }

        return (false, null);
    }

    // Jenkins' TimeDuration: "<n>sec" is seconds, a bare number is milliseconds; default: the job's quiet period, else the global one.
    private static async Task<TimeSpan?> DelayAsync(HttpContext context, JobItem job)
    {
        var text = (await context.ParamAsync("delay"))?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            var seconds = job.Config.QuietPeriod ?? GlobalQuietPeriod.Read(context.Service<JenkinsInstance>().Home);
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        var multiplier = 1L;
        if (text.EndsWith("sec", StringComparison.Ordinal) || text.EndsWith("secs", StringComparison.Ordinal))
        {
            text = text[..text.LastIndexOf("sec", StringComparison.Ordinal)].Trim();
            multiplier = 1000;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var longest = (long)LongestDelay.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Min(Math.Clamp(amount, 0, longest) * multiplier, longest));
    }

    /// <summary>Jenkins' form: <c>json={"parameter":[{"name":..,"value":..}]}</c> (or one object); null when nothing was submitted.</summary>
    private static Dictionary<string, string>? SubmittedParameters(JObject? form)
    {
        if (form is null)
        {
            return null;
        }

        var entries = form["parameter"] switch
        {
            JArray array => array.OfType<JObject>(),
            JObject one => [one],
            _ => [],
        };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry["name"]?.ToString() is { Length: > 0 } name && entry["value"] is { } value)
            {
                values[name] = value.Type == JTokenType.Boolean ? ((bool)value ? "true" : "false") : value.ToString();
            }
        }

        return values;
    }

    private static IResult NotBuildable(HttpContext context, JobItem job) =>
        Failure.Of(context, $"{job.FullName} is not buildable", StatusCodes.Status409Conflict);

    private static IResult ParameterForm(JobItem job)
    {
        var fields = string.Concat(job.Config.Parameters.Select(p =>
            $"<p><label>{System.Net.WebUtility.HtmlEncode(p.Name)} <input name=\"{System.Net.WebUtility.HtmlEncode(p.Name)}\"/></label></p>"));
        return Results.Text(
            $"<html><head><title>{System.Net.WebUtility.HtmlEncode(job.FullName)} [Jenkins]</title></head><body><h1>This build requires parameters:</h1>"
            + $"<form method=\"post\" action=\"buildWithParameters\">{fields}<input type=\"submit\" value=\"Build\"/></form></body></html>",
            "text/html;charset=utf-8");
    }
}
