using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Api;

/// <summary>
/// Jenkins' <c>tree=</c> query: <c>a,b[c,d[e]],f{0,10}</c>. Only the named properties are kept, at any
/// depth; <c>{M,N}</c> slices a list; <c>_class</c> is always kept; unknown names are skipped.
/// </summary>
internal sealed class ApiTree
{
    private readonly Dictionary<string, Node> _nodes;

    private ApiTree(Dictionary<string, Node> nodes)
    {
        _nodes = nodes;
        Depth = DepthOf(nodes);
    }

    /// <summary>How deeply the spec nests: <c>name</c> is 0, <c>jobs[name]</c> is 1, <c>jobs[jobs[name]]</c> is 2.</summary>
    public int Depth { get; }

    /// <summary>Parses a tree spec; null when it is malformed.</summary>
    public static ApiTree? Parse(string spec)
    {
        var position = 0;
        var nodes = ParseList(spec, ref position);
        return nodes is not null && position == spec.Length ? new ApiTree(nodes) : null;
    }

    public JToken Apply(JToken token) => Filter(token, _nodes);

    /// <summary>Whether the tree names <paramref name="property"/> at any level.</summary>
    public bool Names(string property) => Names(_nodes, property);

    private static bool Names(Dictionary<string, Node> nodes, string property) =>
        nodes.ContainsKey(property) || nodes.Values.Any(n => n.Children is not null && Names(n.Children, property));

    private static JToken Filter(JToken token, Dictionary<string, Node> nodes)
    {
        switch (token)
        {
            case JArray array:
                return new JArray(array.Select(item => Filter(item, nodes)));
            case JObject obj:
                var result = new JObject();
                if (obj["_class"] is { } cls)
                {
                    result["_class"] = cls.DeepClone();
                }

                foreach (var (name, node) in nodes)
                {
                    if (name == "_class" || !obj.TryGetValue(name, out var value))
                    {
                        continue;
                    }

                    if (value is JArray list && node.Range is { } range)
                    {
                        value = new JArray(Slice(list, range));
                    }

                    result[name] = node.Children is null ? value.DeepClone() : Filter(value, node.Children);
                }

                return result;
            default:
                return token.DeepClone();
        }
    }

    private static int DepthOf(Dictionary<string, Node> nodes) =>
        nodes.Values.Select(n => n.Children is null ? 0 : 1 + DepthOf(n.Children)).DefaultIfEmpty(0).Max();

    private static IEnumerable<JToken> Slice(JArray list, (int? From, int? To) range)
    {
        var from = Math.Clamp(range.From ?? 0, 0, list.Count);
        var to = Math.Clamp(range.To ?? list.Count, from, list.Count);
        return list.Skip(from).Take(to - from);
    }

    private static Dictionary<string, Node>? ParseList(string spec, ref int position)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        while (position < spec.Length)
        {
            var start = position;
            while (position < spec.Length && spec[position] is not (',' or '[' or ']' or '{' or '}'))
            {
                position++;
            }

            var name = spec[start..position].Trim();
            if (name.Length == 0)
            {
                return null;
            }

            Dictionary<string, Node>? children = null;
            (int?, int?)? range = null;
            if (position < spec.Length && spec[position] == '[')
            {
                position++;
                children = ParseList(spec, ref position);
                if (children is null || position >= spec.Length || spec[position] != ']')
                {
                    return null;
                }

                position++;
            }

            if (position < spec.Length && spec[position] == '{')
            {
                var close = spec.IndexOf('}', position);
                if (close < 0 || ParseRange(spec[(position + 1)..close]) is not { } parsed)
                {
                    return null;
                }

                range = parsed;
                position = close + 1;
            }

            nodes[name] = new Node(children, range);
            if (position < spec.Length && spec[position] == ',')
            {
                position++;
                continue;
            }

            break;
        }

        return nodes;
    }

    private static (int?, int?)? ParseRange(string text)
    {
        var parts = text.Split(',');
        static bool TryBound(string s, out int? value)
        {
            value = null;
            if (s.Trim().Length == 0)
            {
                return true;
            }

            if (int.TryParse(s, out var n) && n >= 0)
            {
                value = n;
                return true;
            }

            return false;
        }

        return parts.Length switch
        {
            1 when TryBound(parts[0], out var only) && only is { } n => (n, n + 1),
            2 when TryBound(parts[0], out var from) && TryBound(parts[1], out var to) => (from, to),
            _ => null,
        };
    }

    private sealed record Node(Dictionary<string, Node>? Children, (int? From, int? To)? Range);
}
