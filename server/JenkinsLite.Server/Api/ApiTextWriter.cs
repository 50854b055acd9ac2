using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Api;

/// <summary>A model written straight to JSON text: the same text the model's JToken would write, without building it.</summary>
internal sealed class ApiTextWriter(JsonWriter json) : ApiWriter
{
    public override void StartObject() => json.WriteStartObject();

    public override void EndObject() => json.WriteEndObject();

    public override void StartArray() => json.WriteStartArray();

    public override void EndArray() => json.WriteEndArray();

    public override void Name(string name) => json.WritePropertyName(name);

    public override void String(string? value) => json.WriteValue(value);

    public override void Number(long value) => json.WriteValue(value);

    public override void Bool(bool value) => json.WriteValue(value);

    public override void Null() => json.WriteNull();

    public override void Token(JToken token) => token.WriteTo(json);
}
