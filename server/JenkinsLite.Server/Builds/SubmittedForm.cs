using JenkinsLite.Server.Api;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Builds;

/// <summary>Stapler's getSubmittedForm: the JSON object a Jenkins form posts in its <c>json</c> field.</summary>
internal static class SubmittedForm
{
    /// <summary>Null when nothing was submitted or the field does not hold a JSON object.</summary>
    public static async Task<JObject?> ReadAsync(HttpContext context)
    {
        var json = await context.ParamAsync("json");
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JObject.Parse(json);
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }
}
