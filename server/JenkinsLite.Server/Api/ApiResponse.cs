using System.Globalization;
using System.Text;
using System.Xml;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Api;

/// <summary>
/// Renders an exported object as Jenkins' <c>api/json</c>, <c>api/xml</c> or <c>api/python</c>, with
/// <c>tree=</c> and <c>pretty=</c>. Every model's API goes through here, so the query rules are the same
/// everywhere.
/// </summary>
internal static class ApiResponse
{
    public const string JsonContentType = "application/json;charset=utf-8";

    /// <summary>Deepest <c>depth=</c> honoured; deeper asks get this (Jenkins has no limit, but nothing of ours nests deeper).</summary>
    public const int MaxDepth = 16;

    /// <summary>Renders a model that does not change with <c>depth=</c>.</summary>
    public static IResult Render(HttpContext context, string flavor, JObject model, string xmlRootName) =>
        Render(context, flavor, (writer, _) => writer.Token(model), xmlRootName);

    /// <summary>Renders a model built as a JToken for the requested depth (see the overload that writes it).</summary>
    public static IResult Render(HttpContext context, string flavor, Func<int, JObject> modelAtDepth, string xmlRootName) =>
        Render(context, flavor, (writer, depth) => writer.Token(modelAtDepth(depth)), xmlRootName);

    /// <summary>
    /// Renders a model built for the requested depth, as Jenkins' <c>depth=</c>: at depth 0 the object is
    /// shown whole and the objects it refers to in summary (for a job: <c>_class</c>, <c>name</c>, <c>url</c>,
    /// <c>color</c>); each further level shows one more level of them whole. With <c>tree=</c>, Jenkins
    /// ignores <c>depth=</c> and the tree decides: the model is built as deep as the tree nests, then pruned.
    /// </summary>
    /// <param name="writeAtDepth">Writes the model for a depth of 0 or more.</param>
    public static IResult Render(HttpContext context, string flavor, Action<ApiWriter, int> writeAtDepth, string xmlRootName)
    {
        var query = QueryOf(context);
        if (query.ContainsKey("jsonp"))
        {
            return Results.Text("JSONP is not supported.", "text/plain", Encoding.UTF8, StatusCodes.Status403Forbidden);
        }

        if (flavor is not ("json" or "xml" or "python"))
        {
            return Results.NotFound();
        }

        ApiTree? tree = null;
        if (First(query, "tree") is { Length: > 0 } spec)
        {
            tree = ApiTree.Parse(spec);
            if (tree is null)
            {
                return Results.Text($"The tree parameter '{spec}' is malformed.", "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
            }
        }

        int depth;
        if (tree is not null)
        {
            depth = Math.Min(tree.Depth, MaxDepth);
        }
        else if (DepthOf(First(query, "depth")) is { } requested)
        {
            depth = requested;
        }
        else
        {
            return Results.Text($"The depth parameter '{query["depth"]}' is not a number.", "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        var pretty = string.Equals(First(query, "pretty"), "true", StringComparison.OrdinalIgnoreCase);
        var formatting = pretty ? Newtonsoft.Json.Formatting.Indented : Newtonsoft.Json.Formatting.None;
        if (flavor == "json" && tree is null)
        {
            // The common case: written straight to the answer, no JToken built.
            return new JsonBody(writer => writeAtDepth(writer, depth), formatting);
        }

        var model = ApiTokenWriter.Of(writer => writeAtDepth(writer, depth));
        var shaped = tree is null ? model : tree.Apply(model);
        return flavor switch
        {
            "json" => new JsonBody(shaped, formatting),
            "xml" => Results.Text(ToXml(shaped, xmlRootName), "application/xml;charset=utf-8"),
            _ => Results.Text(ToPython(shaped), "text/x-python;charset=utf-8"),
        };
    }

    /// <summary>
    /// Whether the request's <c>tree=</c> names <paramref name="property"/>: Jenkins exports some properties hidden
    /// (visibility -2), shown only when a tree asks for them; models add those only then.
    /// </summary>
    public static bool TreeNames(HttpContext context, string property) =>
        First(QueryOf(context), "tree") is { Length: > 0 } spec && ApiTree.Parse(spec) is { } tree && tree.Names(property);

    // Every API answer reads its query, most of them have none: no query feature is made for those.
    private static IQueryCollection QueryOf(HttpContext context) =>
        context.Request.QueryString.HasValue ? context.Request.Query : QueryCollection.Empty;

    // The first value of a parameter, as FirstOrDefault() without boxing the StringValues it enumerates.
    private static string? First(IQueryCollection query, string name) =>
        query[name] is { Count: > 0 } values ? values[0] : null;

    // Absent or empty: 0. Not a number: null (400). Negative counts as 0, as Jenkins' Model does.
    private static int? DepthOf(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 0, MaxDepth)
            : null;
    }

    /// <summary>Jenkins' JSON envelope for descriptor actions: HTTP 200 with a status field.</summary>
    public static IResult Ok(JObject? data = null)
    {
        var body = new JObject { ["status"] = "ok" };
        if (data is not null)
        {
            body["data"] = data;
        }

        return new JsonBody(body, Newtonsoft.Json.Formatting.None);
    }

    public static IResult Error(string message, int status = StatusCodes.Status200OK) =>
        new JsonBody(new JObject { ["status"] = "error", ["message"] = message }, Newtonsoft.Json.Formatting.None, status);

    /// <summary>Stapler's XML: the root carries <c>_class</c>; list items repeat the singular name.</summary>
    public static string ToXml(JToken token, string rootName)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            WriteXml(writer, rootName, token);
        }

        return builder.ToString();
    }

    private static void WriteXml(XmlWriter writer, string name, JToken token)
    {
        switch (token)
        {
            case JArray array:
                var singular = Singular(name);
                foreach (var item in array)
                {
                    WriteXml(writer, singular, item);
                }

                break;
            case JObject obj:
                writer.WriteStartElement(name);
                if (obj["_class"] is JValue cls)
                {
                    writer.WriteAttributeString("_class", cls.ToString(CultureInfo.InvariantCulture));
                }

                foreach (var property in obj.Properties().Where(p => p.Name != "_class"))
                {
                    WriteXml(writer, property.Name, property.Value);
                }

                writer.WriteEndElement();
                break;
            case JValue { Type: JTokenType.Null }:
                break;
            case JValue value:
                writer.WriteElementString(name, value.Type == JTokenType.Boolean
                    ? ((bool)value ? "true" : "false")
                    : Convert.ToString(value.Value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Singular(string plural) =>
        plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y"
        : plural.EndsWith('s') ? plural[..^1]
        : plural;

    private static string ToPython(JToken token) => token switch
    {
        JObject obj => "{" + string.Join(",", obj.Properties().Select(p => PythonString(p.Name) + ":" + ToPython(p.Value))) + "}",
        JArray array => "[" + string.Join(",", array.Select(ToPython)) + "]",
        JValue { Type: JTokenType.Null } => "None",
        JValue { Type: JTokenType.Boolean } value => (bool)value ? "True" : "False",
        JValue { Type: JTokenType.String or JTokenType.Date or JTokenType.Guid } value => PythonString(value.ToString(CultureInfo.InvariantCulture)),
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "None",
        _ => "None",
    };

    private static string PythonString(string text) => JsonConvert.ToString(text);
}
