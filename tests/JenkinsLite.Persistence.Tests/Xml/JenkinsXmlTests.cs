using System.Text;
using System.Xml.Linq;
using JenkinsLite.Core;
using JenkinsLite.Persistence.Tests.Home;
using JenkinsLite.Persistence.Xml;

namespace JenkinsLite.Persistence.Tests.Xml;

internal sealed class JenkinsXmlTests
{
    private const string F2UserFile = "users/user_1072549610582667998/config.xml";

    private static XDocument Parse(string text) => JenkinsXml.Parse(Encoding.UTF8.GetBytes(text), "users/alice/config.xml");

    private static HomeDataException ParseFailure(byte[] content) =>
        Assert.Throws<HomeDataException>(() => JenkinsXml.Parse(content, "users/alice/config.xml"))!;

    private static HomeDataException ParseFailure(string text) => ParseFailure(Encoding.UTF8.GetBytes(text));

    // <a><a>…</a></a>: depth levels of elements, the root included, on line 2.
    private static string Nested(int depth) =>
        "<?xml version='1.1' encoding='UTF-8'?>\n" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));

    [TestCase("<?xml version='1.1' encoding='UTF-8'?>\n<user><id>alice</id></user>")]
    [TestCase("<?xml version=\"1.1\" encoding=\"UTF-8\"?>\n<user><id>alice</id></user>")]
    [TestCase("<?xml version='1.0' encoding='UTF-8'?>\n<user><id>alice</id></user>")]
    [TestCase("<user><id>alice</id></user>")]
    [TestCase("\uFEFF<?xml version='1.1' encoding='UTF-8'?>\n<user><id>alice</id></user>")]
    public void Parse_JenkinsDeclarations_Loads(string text)
    {
        // Act
        var document = Parse(text);

        // Assert
        Assert.That(document.Root!.Element("id")!.Value, Is.EqualTo("alice"));
    }

    [Test]
    public void Parse_ControlCharacterEscapeInXml11_LoadsTheCharacter()
    {
        // Act: XML 1.1 allows &#x1;, and Jenkins writes such escapes.
        var document = Parse("<?xml version='1.1' encoding='UTF-8'?>\n<user><fullName>a&#x1;b</fullName></user>");

        // Assert
        Assert.That(document.Root!.Element("fullName")!.Value, Is.EqualTo("a\u0001b"));
    }

    [Test]
    public void Serialize_ControlCharacter_WrittenAsEscapeThatReadsBack()
    {
        // Arrange
        var document = Parse("<?xml version='1.1' encoding='UTF-8'?>\n<user><fullName>a&#x1;b</fullName></user>");

        // Act
        byte[]? written = null;
        Assert.DoesNotThrow(() => written = JenkinsXml.Serialize(document));

        // Assert
        var text = Encoding.UTF8.GetString(written!);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("<fullName>a&#x1;b</fullName>"));
            Assert.That(JenkinsXml.Parse(written!, "x.xml").Root!.Element("fullName")!.Value, Is.EqualTo("a\u0001b"));
        });
    }

    [Test]
    public void Parse_InternalDtd_RefusedNamingFileAndLine()
    {
        // Act
        var failure = ParseFailure("<?xml version='1.1' encoding='UTF-8'?>\n<!DOCTYPE user [<!ENTITY x 'y'>]>\n<user>&x;</user>");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failure.RelativePath, Is.EqualTo("users/alice/config.xml"));
            Assert.That(failure.Message, Does.StartWith("users/alice/config.xml"));
            Assert.That(failure.Line, Is.EqualTo(2));
        });
    }

    [Test]
    public void Parse_ExternalEntity_RefusedAndNeverRead()
    {
        // Arrange
        var secret = Path.Combine(Path.GetTempPath(), "jenkinslite-xxe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(secret, "TOP SECRET");
        try
        {
            var text = $"<?xml version='1.1' encoding='UTF-8'?>\n<!DOCTYPE user [<!ENTITY x SYSTEM 'file://{secret}'>]>\n<user><fullName>&x;</fullName></user>";

            // Act
            var failure = ParseFailure(text);

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(failure.RelativePath, Is.EqualTo("users/alice/config.xml"));
                Assert.That(failure.Message, Does.Not.Contain("TOP SECRET"));
            });
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Test]
    public void Parse_NestedAtTheLimit_Loads()
    {
        // Act
        var document = Parse(Nested(JenkinsXml.MaxDepth));

        // Assert
        Assert.That(document.Root!.DescendantsAndSelf().Count(), Is.EqualTo(JenkinsXml.MaxDepth));
    }

    [Test]
    public void Parse_NestedOneLevelTooDeep_RefusedWithPosition()
    {
        // Act
        var failure = ParseFailure(Nested(JenkinsXml.MaxDepth + 1));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failure.Error, Is.EqualTo("elements nest deeper than 256 levels"));
            Assert.That(failure.Line, Is.EqualTo(2));
            Assert.That(failure.Column, Is.EqualTo(2 + (3 * JenkinsXml.MaxDepth)));
        });
    }

    [Test]
    public void Parse_Nested200000Deep_RefusedInLinearTime()
    {
        // Arrange: 1.4 MB; building its tree took over a minute (the cost grows with the square of the depth).
        var content = Encoding.UTF8.GetBytes(Nested(200_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Act
        var failure = ParseFailure(content);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failure.Error, Does.Contain("nest deeper"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(500)));
        });
    }

    [TestCase(JenkinsXml.MaxAttributes, false)]
    [TestCase(JenkinsXml.MaxAttributes + 1, true)]
    [TestCase(50_000, true)] // half a megabyte; its tree alone took longer than the reading
    public void Parse_ManyAttributesOnOneElement_RefusedAboveTheLimit(int attributes, bool refused)
    {
        // Arrange
        var text = "<project" + string.Concat(Enumerable.Range(0, attributes).Select(i => $" a{i}=''")) + "/>";

        // Act
        var failure = refused ? ParseFailure(text) : null;

        // Assert
        if (refused)
        {
            Assert.That(failure!.Error, Is.EqualTo("an element has more than 256 attributes"));
        }
        else
        {
            Assert.That(Parse(text).Root!.Attributes().Count(), Is.EqualTo(attributes));
        }
    }

    [Test]
    public void Parse_UnclosedElement_RefusedWithLine()
    {
        // Act
        var failure = ParseFailure("<?xml version='1.1' encoding='UTF-8'?>\n<user>\n  <id>alice</id>\n  <fullName>Alice\n</user>");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failure.RelativePath, Is.EqualTo("users/alice/config.xml"));
            Assert.That(failure.Line, Is.EqualTo(5));
            Assert.That(failure.Message, Does.Contain("line 5"));
        });
    }

    [Test]
    public void Parse_Truncated_RefusedWithLine()
    {
        // Act
        var failure = ParseFailure("<?xml version='1.1' encoding='UTF-8'?>\n<user>\n  <id>ali");

        // Assert
        Assert.That(failure.Line, Is.EqualTo(3));
    }

    [Test]
    public void Parse_InvalidUtf8_RefusedNamingFile()
    {
        // Arrange
        var content = Encoding.UTF8.GetBytes("<?xml version='1.1' encoding='UTF-8'?>\n<user><fullName>x</fullName></user>");
        content[^20] = 0xC3;
        content[^19] = 0x28;

        // Act
        var failure = ParseFailure(content);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failure.RelativePath, Is.EqualTo("users/alice/config.xml"));
            Assert.That(failure.Error, Does.Contain("UTF-8"));
        });
    }

    [Test]
    public void Parse_Empty_Refused()
    {
        Assert.That(ParseFailure(string.Empty).RelativePath, Is.EqualTo("users/alice/config.xml"));
    }

    [Test]
    public void Load_FileInHome_ExceptionNamesPathRelativeToHome()
    {
        // Arrange
        using var home = TempHome.Empty();
        home.Write("users/bob/config.xml", "<user>");

        // Act
        var failure = Assert.Throws<HomeDataException>(() => JenkinsXml.Load(home.PathOf("users", "bob", "config.xml"), home.Home))!;

        // Assert
        Assert.That(failure.RelativePath, Is.EqualTo("users/bob/config.xml"));
    }

    [Test]
    public void Serialize_Document_JenkinsDeclarationNoBomNoTrailingNewline()
    {
        // Arrange
        var document = Parse("<?xml version='1.0' encoding='UTF-8'?>\n<user>\n  <id>alice</id>\n</user>\n");

        // Act
        var written = JenkinsXml.Serialize(document);

        // Assert
        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo("<?xml version='1.1' encoding='UTF-8'?>\n<user>\n  <id>alice</id>\n</user>"));
    }

    [Test]
    public void Serialize_UnchangedRealJenkinsFile_ByteIdentical()
    {
        // Arrange: the F2 user file, written by Jenkins 2.4xx, with self-closed empty elements.
        var original = File.ReadAllBytes(Path.Combine(TempHome.FixturePath(TempHome.F2), F2UserFile));

        // Act
        var written = JenkinsXml.Serialize(JenkinsXml.Parse(original, F2UserFile));

        // Assert
        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(Encoding.UTF8.GetString(original)));
    }

    [Test]
    public void Serialize_NonAsciiText_Utf8()
    {
        // Arrange
        var document = Parse("<?xml version='1.1' encoding='UTF-8'?>\n<user><fullName>J\u00fcrgen \u4e2d</fullName></user>");

        // Act
        var written = JenkinsXml.Serialize(document);

        // Assert
        Assert.That(Encoding.UTF8.GetString(written), Does.EndWith("<user><fullName>J\u00fcrgen \u4e2d</fullName></user>"));
    }

    [Test]
    public void AppendIndented_ChildOfIndentedElement_XStreamLayout()
    {
        // Arrange
        var document = Parse("<?xml version='1.1' encoding='UTF-8'?>\n<user>\n  <properties>\n    <a>0</a>\n  </properties>\n</user>");
        var child = new XElement("b", new XElement("c", "1"));

        // Act
        JenkinsXml.AppendIndented(document.Root!.Element("properties")!, child);

        // Assert
        var text = Encoding.UTF8.GetString(JenkinsXml.Serialize(document));
        Assert.That(text, Does.EndWith("  <properties>\n    <a>0</a>\n    <b>\n      <c>1</c>\n    </b>\n  </properties>\n</user>"));
    }
}
