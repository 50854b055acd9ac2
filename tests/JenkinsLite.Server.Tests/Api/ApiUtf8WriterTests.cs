using System.Buffers;
using System.Text;
using JenkinsLite.Server.Api;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JenkinsLite.Server.Tests.Api;

/// <summary>The UTF-8 writer must give the bytes Newtonsoft's compact writer gives, for every character.</summary>
internal sealed class ApiUtf8WriterTests
{
    [Test]
    public void String_EveryUtf16CodeUnit_SameBytesAsNewtonsoft()
    {
        // Arrange: each code unit alone (lone surrogates included) and between letters
        var differing = new List<string>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = "a" + (char)c + "b";

            // Act
            var ours = Ours(writer => writer.String(text));
            var theirs = Theirs(json => json.WriteValue(text));

            // Assert (collected, so one failure shows every differing character)
            if (!ours.SequenceEqual(theirs))
            {
                differing.Add($"U+{c:X4}");
            }
        }

        Assert.That(differing, Is.Empty);
    }

    [TestCase(1023)] // a surrogate pair across the slice boundary of 1,024 characters
    [TestCase(1024)]
    [TestCase(1022)]
    [TestCase(5000)]
    public void LongStrings_WrittenInSlices_SameBytesAsNewtonsoft(int lettersBefore)
    {
        // Arrange: pairs, lone surrogates, escapes and non-ASCII text on both sides of every slice boundary
        var text = new string('a', lettersBefore) + "\U0001F600" + string.Concat(Enumerable.Repeat("é\"\n\U0001F601\uD800x\u2029", 700));

        // Act
        var asName = Ours(writer => { writer.StartObject(); writer.Name(text); writer.String(text); writer.EndObject(); });
        var theirs = Theirs(json => { json.WriteStartObject(); json.WritePropertyName(text); json.WriteValue(text); json.WriteEndObject(); });

        // Assert
        Assert.That(asName, Is.EqualTo(theirs));
    }

    [Test]
    public void Model_NestedObjectsArraysAndTokens_SameBytesAsNewtonsoft()
    {
        // Arrange: names, every kind of value, empty containers, a surrogate pair and a JToken in the middle
        void Write(Action<string> name, Action<string?> text, Action<long> number, Action<bool> flag, Action nothing,
            Action<JToken> token, Action startObject, Action endObject, Action startArray, Action endArray)
        {
            startObject();
            name("_class"); text("hudson.model.Hudson");
            name("quote\"d"); text("line\nbreak \u2028 tab\t \U0001F600 é");
            name("n"); number(-9_007_199_254_740_993);
            name("yes"); flag(true);
            name("none"); nothing();
            name("empty"); startArray(); endArray();
            name("list"); startArray(); number(1); text(null); startObject(); endObject(); startArray(); flag(false); endArray(); endArray();
            name("token"); token(new JObject { ["a"] = new JArray(1, "x\u0001"), ["b"] = JValue.CreateNull() });
            name("after"); text("");
            endObject();
        }

        // Act
        var ours = Ours(w => Write(w.Name, w.String, w.Number, w.Bool, w.Null, w.Token, w.StartObject, w.EndObject, w.StartArray, w.EndArray));
        var theirs = Theirs(j => Write(j.WritePropertyName, j.WriteValue, j.WriteValue, j.WriteValue, j.WriteNull, t => t.WriteTo(j),
            j.WriteStartObject, j.WriteEndObject, j.WriteStartArray, j.WriteEndArray));

        // Assert
        Assert.That(Encoding.UTF8.GetString(ours), Is.EqualTo(Encoding.UTF8.GetString(theirs)));
    }

    [Test]
    public void Fragment_AnywhereInAnObject_SameBytesAsItsPropertiesWrittenThere()
    {
        // Arrange: properties kept as a fragment, first in an object, after a property, and an empty one
        static void Properties(ApiWriter writer)
        {
            writer.Property("_class", "hudson.model.FreeStyleProject");
            writer.Property("name", "caf\u00e9 \"x\"");
            writer.Property("url", "http://localhost/job/caf%C3%A9/");
        }

        var fragment = ApiFragment.Of(Properties);
        var empty = ApiFragment.Of(_ => { });
        void Write(ApiWriter writer, Action<ApiWriter> properties, Action<ApiWriter> none)
        {
            writer.StartArray();
            writer.StartObject(); properties(writer); writer.Property("color", "blue"); writer.EndObject();
            writer.StartObject(); writer.Property("n", 1); properties(writer); writer.EndObject();
            writer.StartObject(); none(writer); writer.Property("after", true); none(writer); writer.EndObject();
            writer.EndArray();
        }

        // Act
        var copied = Ours(w => Write(w, f => f.Fragment(fragment), e => e.Fragment(empty)));
        var written = Ours(w => Write(w, Properties, _ => { }));

        // Assert
        Assert.That(Encoding.UTF8.GetString(copied), Is.EqualTo(Encoding.UTF8.GetString(written)));
    }

    [Test]
    public void Fragment_InAJTokenOrPrettyText_WrittenByThatWriter()
    {
        // Arrange
        var fragment = ApiFragment.Of(w => { w.Property("name", "a"); w.Property("n", 2); });

        // Act: the writers of tree=, XML and Python (a JToken) and of pretty=true (Newtonsoft's indented text)
        var token = ApiTokenWriter.Of(w => { w.StartObject(); w.Fragment(fragment); w.Property("color", "red"); w.EndObject(); });
        var text = new StringWriter();
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented })
        {
            var writer = new ApiTextWriter(json);
            writer.StartObject();
            writer.Fragment(fragment);
            writer.EndObject();
        }

        // Assert
        Assert.That(token.ToString(Formatting.None), Is.EqualTo("""{"name":"a","n":2,"color":"red"}"""));
        Assert.That(text.ToString(), Is.EqualTo(new JObject { ["name"] = "a", ["n"] = 2 }.ToString(Formatting.Indented)));
    }

    [Test]
    public void FragmentCache_SameStampKept_OtherRootUrlOrValueWrittenAgain()
    {
        // Arrange
        var writes = 0;
        var cache = new ApiFragmentCache<string>((writer, item, rootUrl, shown) =>
        {
            writes++;
            writer.Property("url", rootUrl + item);
            writer.Property("color", shown);
        });
        var item = new string('j', 3);
        static string Text(ApiFragment fragment) => Encoding.UTF8.GetString(fragment.Utf8);

        // Act
        var first = cache.Of(item, "http://a/", "blue");
        var again = cache.Of(item, "http://a/", "blue");
        var recoloured = cache.Of(item, "http://a/", "red");
        var elsewhere = cache.Of(item, "http://b/", "red");
        var back = cache.Of(item, "http://a/", "blue");
        var other = cache.Of(new string('j', 3), "http://a/", "blue");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(first), "same item, root URL and value: kept");
            Assert.That(Text(first), Is.EqualTo("\"url\":\"http://a/jjj\",\"color\":\"blue\""));
            Assert.That(Text(recoloured), Is.EqualTo("\"url\":\"http://a/jjj\",\"color\":\"red\""));
            Assert.That(Text(elsewhere), Is.EqualTo("\"url\":\"http://b/jjj\",\"color\":\"red\""));
            Assert.That(Text(back), Is.EqualTo(Text(first)));
            Assert.That(Text(other), Is.EqualTo(Text(first)), "another item equal in value has its own fragment");
            Assert.That(writes, Is.EqualTo(5), "written again for each change and for the other item, not for the repeat");
        });
    }

    private static byte[] Ours(Action<ApiWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new ApiUtf8Writer(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    // The path before: Newtonsoft's compact text, then encoded as UTF-8.
    private static byte[] Theirs(Action<JsonTextWriter> write)
    {
        var text = new StringWriter();
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            write(json);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
