using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Api;

/// <summary>A model written into a JToken, for <c>tree=</c>, XML and Python, and for callers that still hold JTokens.</summary>
internal sealed class ApiTokenWriter : ApiWriter
{
    private readonly Stack<JContainer> _open = new();
    private string? _name;
    private JToken? _result;

    /// <summary>What <paramref name="write"/> writes, as a JToken.</summary>
    public static JToken Of(Action<ApiWriter> write)
    {
        var writer = new ApiTokenWriter();
        write(writer);
        return writer._result ?? JValue.CreateNull();
    }

    public override void StartObject() => Open(new JObject());

    public override void EndObject() => _open.Pop();

    public override void StartArray() => Open(new JArray());

    public override void EndArray() => _open.Pop();

    public override void Name(string name) => _name = name;

    // A String-typed JValue even when null: what assigning a string to a JObject property made.
    public override void String(string? value) => Add(new JValue(value));

    public override void Number(long value) => Add(new JValue(value));

    public override void Bool(bool value) => Add(new JValue(value));

    public override void Null() => Add(JValue.CreateNull());

    public override void Token(JToken token) => Add(token);

    private void Open(JContainer container)
    {
        Add(container);
        _open.Push(container);
    }

    private void Add(JToken token)
    {
        if (!_open.TryPeek(out var parent))
        {
            _result = token;
        }
        else if (parent is JObject obj)
        {
            obj[_name ?? throw new InvalidOperationException("A value inside an object needs a name.")] = token;
            _name = null;
        }
        else
        {
            parent.Add(token);
        }
    }
}
