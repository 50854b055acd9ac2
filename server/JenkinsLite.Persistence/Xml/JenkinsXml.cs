using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using JenkinsLite.Core;

namespace JenkinsLite.Persistence.Xml;

/// <summary>
/// Reads and writes Jenkins' XML files. Jenkins writes an XML 1.1 declaration, which .NET refuses, so
/// the declaration is read as 1.0 with character checks off; a DTD or external entity is never
/// processed. Documents keep their whitespace, so a file we did not change comes back byte for byte.
/// </summary>
public static partial class JenkinsXml
{
    /// <summary>The declaration Jenkins writes (decisions.md #12).</summary>
    public const string Declaration = "<?xml version='1.1' encoding='UTF-8'?>";

    /// <summary>
    /// How deep elements may nest. Real configs stay far below (a pipeline job: about 15); building a
    /// tree from a deeper document costs time that grows with the square of the depth.
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>How many attributes one element may carry (XStream writes at most a few); more only costs time.</summary>
    public const int MaxAttributes = 256;

    private const long MaxCharacters = 16 * 1024 * 1024;

    public static XDocument Load(string path, JenkinsLite.Persistence.Home.JenkinsHome home) =>
        Parse(File.ReadAllBytes(path), home.RelativePath(path));

    /// <summary>Parses a file's bytes; a failure is a <see cref="HomeDataException"/> naming the file and line.</summary>
    public static XDocument Parse(byte[] content, string relativePath)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + content.AsSpan(0, Math.Clamp(e.Index, 0, content.Length)).Count((byte)'\n');
            throw new HomeDataException(relativePath, "the file is not valid UTF-8", line, null, e);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        text = XmlDeclarationVersion().Replace(text, "${1}1.0$2", 1);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            CheckCharacters = false,
            MaxCharactersInDocument = MaxCharacters,
        };
        try
        {
            RefuseHostileShape(text, settings, relativePath);
            using var reader = XmlReader.Create(new StringReader(text), settings);
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // A refused DTD carries no position; point at the DOCTYPE itself.
            var (line, column) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : PositionOf(text, "<!DOCTYPE");
            throw new HomeDataException(relativePath, e.Message, line, column, e);
        }
    }

    /// <summary>The bytes Jenkins would write: UTF-8, no BOM, the 1.1 declaration, the root as it is.</summary>
    public static byte[] Serialize(XDocument document)
    {
        // XML 1.1 allows escaped control characters (&#x1;) that the default writer refuses.
        var body = new StringBuilder();
        using (var writer = XmlWriter.Create(body, new XmlWriterSettings { OmitXmlDeclaration = true, CheckCharacters = false }))
        {
            document.Root!.WriteTo(writer);
        }

        // XStream writes empty elements as <x/>. The writer escapes '>' in text and attributes, so
        // " />" can only end an empty element, unless a comment or CDATA section holds it.
        var text = body.ToString();
        if (!document.Root.DescendantNodes().Any(n => n is XComment or XCData or XProcessingInstruction))
        {
            text = text.Replace(" />", "/>", StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(Declaration + "\n" + text); // XStream ends without a newline
    }

    /// <summary>A fresh element tree laid out as XStream does: two spaces per level.</summary>
    public static XElement Indented(XElement element, int depth)
    {
        var children = element.Elements().ToList();
        if (children.Count == 0)
        {
            return element;
        }

        element.RemoveNodes();
        foreach (var child in children)
        {
            element.Add(new XText("\n" + new string(' ', 2 * (depth + 1))), Indented(child, depth + 1));
        }

        element.Add(new XText("\n" + new string(' ', 2 * depth)));
        return element;
    }

    /// <summary>How deep an element sits (the root is 0), to indent what is put beside it.</summary>
    public static int DepthOf(XElement element) => element.Ancestors().Count();

    /// <summary>Adds a child at the end of <paramref name="parent"/>, keeping XStream's layout.</summary>
    /// <summary>Sets a child element's text, appending it when missing; null removes it. Other children stay as they are.</summary>
    public static void SetChild(XElement parent, string name, string? value)
    {
        var child = parent.Element(name);
        if (value is null)
        {
            if (child is not null)
            {
                RemoveIndented(child);
            }
        }
        else if (child is null)
        {
            AppendIndented(parent, new XElement(name, value));
        }
        else
        {
            child.Value = value;
        }
    }

    /// <summary>Removes an element with the indentation before it, so no blank line is left behind.</summary>
    public static void RemoveIndented(XElement element)
    {
        if (element.PreviousNode is XText text && string.IsNullOrWhiteSpace(text.Value))
        {
            text.Remove();
        }

        element.Remove();
    }

    public static void AppendIndented(XElement parent, XElement child)
    {
        var depth = DepthOf(parent);
        Indented(child, depth + 1);
        if (parent.LastNode is XText tail && string.IsNullOrWhiteSpace(tail.Value))
        {
            tail.AddBeforeSelf(new XText("\n" + new string(' ', 2 * (depth + 1))), child);
        }
        else
        {
            parent.Add(new XText("\n" + new string(' ', 2 * (depth + 1))), child, new XText("\n" + new string(' ', 2 * depth)));
        }
    }

    // A streaming pass keeps no tree, so it stops a hostile document after MaxDepth levels at linear cost,
    // before a tree is built for it.
    private static void RefuseHostileShape(string text, XmlReaderSettings settings, string relativePath)
    {
        using var reader = XmlReader.Create(new StringReader(text), settings);
        var position = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            var problem = reader.NodeType != XmlNodeType.Element ? null
                : reader.Depth >= MaxDepth ? $"elements nest deeper than {MaxDepth} levels"
                : reader.AttributeCount > MaxAttributes ? $"an element has more than {MaxAttributes} attributes"
                : null;
            if (problem is not null)
            {
                throw new HomeDataException(relativePath, problem, position.LineNumber, position.LinePosition);
            }
        }
    }

    private static (int? Line, int? Column) PositionOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0)
        {
            return (null, null);
        }

        var line = 1 + text.AsSpan(0, index).Count('\n');
        return (line, index - text.LastIndexOf('\n', Math.Max(0, index - 1)));
    }

    [GeneratedRegex("""^(\s*<\?xml\s+version\s*=\s*['"])1\.1(['"])""")]
    private static partial Regex XmlDeclarationVersion();
}
