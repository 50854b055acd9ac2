using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Api;

/// <summary>
/// Where an exported model writes itself, in order: straight to JSON text (<see cref="ApiTextWriter"/>, a plain
/// <c>api/json</c>), or into a JToken (<see cref="ApiTokenWriter"/>) that <c>tree=</c> prunes and XML and Python
/// render. Models are written once for both, so every flavour shows the same properties.
/// </summary>
internal abstract class ApiWriter
{
    public abstract void StartObject();

    public abstract void EndObject();

    public abstract void StartArray();

    public abstract void EndArray();

    public abstract void Name(string name);

    /// <summary>
    /// A string property's value; null writes JSON null. Kept apart from <see cref="Null"/> because XML and Python
    /// render a missing string as an empty one, as they always have here.
    /// </summary>
    public abstract void String(string? value);

    public abstract void Number(long value);

    public abstract void Bool(bool value);

    /// <summary>A missing object or value: JSON null, no XML element, Python None.</summary>
    public abstract void Null();

    /// <summary>A model still built as a JToken.</summary>
    public abstract void Token(JToken token);

    /// <summary>Properties written before (<see cref="ApiFragment"/>), inside the object open now.</summary>
    public virtual void Fragment(ApiFragment fragment) => fragment.WriteTo(this);

    public void Property(string name, string? value)
    {
        Name(name);
        String(value);
    }

    public void Property(string name, long value)
    {
        Name(name);
        Number(value);
    }

    public void Property(string name, bool value)
    {
        Name(name);
        Bool(value);
    }

    public void NullProperty(string name)
    {
        Name(name);
        Null();
    }

    public void EmptyArrayProperty(string name)
    {
        Name(name);
        StartArray();
        EndArray();
    }

    /// <summary><c>{"_class": className}</c>, Jenkins' shape of an object with nothing exported.</summary>
    public void ClassOnlyProperty(string name, string className)
    {
        Name(name);
        StartObject();
        Property("_class", className);
        EndObject();
    }
}
