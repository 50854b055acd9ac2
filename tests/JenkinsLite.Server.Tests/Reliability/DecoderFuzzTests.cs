using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using JenkinsLite.Core;
using JenkinsLite.Persistence.Jobs;
using JenkinsLite.Persistence.Xml;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Server.Tests.Reliability;

/// <summary>
/// SEC-44/55: a seeded mutation fuzzer over what reads untrusted bytes: CLI frames on both transports
/// (length-prefixed <c>-http</c> streams and WebSocket messages), the modified-UTF-8 codec, and the XML
/// loaders (any XML, jobs, users, build records, views in the root config.xml), and the HTTP Basic header
/// parser. Each may refuse input only with its own error type, never crash or hang. CI tries
/// <see cref="DefaultInputs"/> inputs; <c>JENKINSLITE_FUZZ_INPUTS=2000000 JENKINSLITE_FUZZ_SEED=n</c> runs
/// longer. An input that fails is written to FuzzRegressions/ (printed); committed there, it is replayed on every run.
/// </summary>
internal sealed class DecoderFuzzTests
{
    private const int DefaultInputs = 40_000; // 5,000 a target
    private const int MaxPayload = 64 * 1024;

    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["http-frames"] = ReadHttpFrames,
        ["ws-message"] = ReadWebSocketMessage,
        ["modified-utf8"] = DecodeModifiedUtf8,
        ["xml"] = LoadXml,
        ["user-xml"] = LoadUser,
        ["build-xml"] = LoadBuild,
        ["views-xml"] = LoadViews,
        ["basic-header"] = ParseBasicHeader,
    };

    private static string RegressionFolder => Path.Combine(AppContext.BaseDirectory, "Reliability", "FuzzRegressions");

    public static IEnumerable<string> TargetNames => Targets.Keys;

    [TestCaseSource(nameof(TargetNames))]
    public void Mutations_AreRefusedCleanly(string target)
    {
        var inputs = int.TryParse(Environment.GetEnvironmentVariable("JENKINSLITE_FUZZ_INPUTS"), out var n) ? n : DefaultInputs;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("JENKINSLITE_FUZZ_SEED"), out var s) ? s : Environment.TickCount;
        var random = new Random(HashCode.Combine(seed, target));
        var corpus = SeedsOf(target);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < inputs / Targets.Count && failures.Count < 5; i++)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], random);
            if (Attempt(target, input) is { } failure)
            {
                failures.Add($"{failure} (kept as {Keep(target, input)})");
            }
        }

        TestContext.Progress.WriteLine($"Fuzz {target}: {inputs / Targets.Count} inputs in {clock.Elapsed.TotalSeconds:F1} s, seed {seed}, {failures.Count} failures");
        Assert.That(failures, Is.Empty, $"JENKINSLITE_FUZZ_SEED={seed} replays this run");
    }

    [Test]
    public void KeptRegressionInputs_AreRefusedCleanly()
    {
        var kept = Directory.Exists(RegressionFolder) ? Directory.GetFiles(RegressionFolder, "*.bin") : [];
        var failures = kept.Select(f => Attempt(Path.GetFileName(f).Split('.')[0], File.ReadAllBytes(f))).OfType<string>().ToList();
        Assert.That(failures, Is.Empty);
    }

    // Only the target's own refusal is allowed; anything else, or more than 2 s on one input, is a failure.
    private static string? Attempt(string target, byte[] input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Targets[target](input);
        }
        catch (Exception e) when (e is CliProtocolException or HomeDataException)
        {
            // refused as designed
        }
        catch (Exception e)
        {
            return $"{target}: {e.GetType().Name}: {e.Message}";
        }

        return clock.Elapsed > TimeSpan.FromSeconds(2) ? $"{target}: took {clock.Elapsed.TotalSeconds:F1} s" : null;
    }

    private static void ReadHttpFrames(byte[] input)
    {
        using var channel = new StreamFrameChannel(new MemoryStream(input), Stream.Null, MaxPayload);
        while (channel.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } frame)
        {
            DecodeArguments(frame);
        }
    }

    private static void ReadWebSocketMessage(byte[] input) => DecodeArguments(CliFrameCodec.FromMessage(input));

    private static void DecodeArguments(CliFrame frame)
    {
        if (frame.Op is CliOp.Arg or CliOp.Locale or CliOp.Encoding)
        {
            _ = ModifiedUtf8.Decode(frame.Payload.Span, out _);
        }
    }

    private static void DecodeModifiedUtf8(byte[] input)
    {
        var text = ModifiedUtf8.Decode(input, out var consumed);
        Assert.That(consumed, Is.InRange(2, input.Length));
        var again = ModifiedUtf8.Encode(text);
        Assert.That(ModifiedUtf8.Decode(again, out _), Is.EqualTo(text), "what decodes encodes back to the same text");
    }

    private static void LoadXml(byte[] input)
    {
        _ = JenkinsXml.Parse(input, "fuzz.xml");
        _ = new JobConfigXml(new JenkinsLite.Persistence.Secrets.HomeSecrets(Path.Combine(Path.GetTempPath(), "jenkinslite-no-home"))).Parse(input, out _);
    }

    private static void LoadUser(byte[] input) =>
        _ = JenkinsLite.Persistence.Users.UserXml.Read(JenkinsXml.Parse(input, "users/fuzz/config.xml"), "fuzz", () => null);

    private static void LoadBuild(byte[] input) =>
        _ = JenkinsLite.Persistence.Builds.BuildXml.Parse(JenkinsXml.Parse(input, "build.xml").Root!, "fuzz", 1, [], null, _ => null);

    // Views come from the root config.xml, read by the store the server uses, from a home of one file.
    private static void LoadViews(byte[] input)
    {
        var home = Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-views-home");
        Directory.CreateDirectory(home);
        File.WriteAllBytes(Path.Combine(home, "config.xml"), input);
        var views = new JenkinsLite.Persistence.Views.ViewStore(new JenkinsLite.Persistence.Home.JenkinsHome(home));
        _ = views.All().Select(v => v.Name).ToList();
    }

    // The header as a client sends it: base64 of the mutated bytes (odd first byte) or the bytes themselves.
    private static void ParseBasicHeader(byte[] input)
    {
        var credentials = input.Length > 0 && (input[0] & 1) == 1 ? Convert.ToBase64String(input) : Encoding.Latin1.GetString(input);
        _ = JenkinsLite.Server.Security.CallerMiddleware.ParseBasic("Basic " + credentials);
    }

    private static List<byte[]> SeedsOf(string target) => target switch
    {
        "user-xml" => [.. FixtureXml(path => path.Contains("/users/", StringComparison.Ordinal) && path.EndsWith("/config.xml", StringComparison.Ordinal))],
        "build-xml" => [Encoding.UTF8.GetBytes(BuildXmlSeed)],
        "views-xml" => [File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "seed-home", "config.xml")), Encoding.UTF8.GetBytes(ViewsSeed)],
        "basic-header" => [.. BasicSeeds.Select(c => Encoding.UTF8.GetBytes(c)).SelectMany(b => new[] { b, Encoding.ASCII.GetBytes(Convert.ToBase64String(b)) })],
        "http-frames" => [.. CliSessions().Select(frames => frames.SelectMany(CliFrameCodec.ToLengthPrefixed).ToArray())],
        "ws-message" => [.. CliSessions().SelectMany(frames => frames).Select(CliFrameCodec.ToMessage)],
        "modified-utf8" => [.. new[] { "build", "hello-world", "é ü ß", "\0", "日本語 \U0001F600", string.Empty }.Select(ModifiedUtf8.Encode)],
        _ => XmlSeeds(),
    };

    private static IEnumerable<CliFrame[]> CliSessions() =>
    [
        [CliFrame.Arg("build"), CliFrame.Arg("hello-world"), CliFrame.Arg("-s"), CliFrame.Encoding("UTF-8"), CliFrame.Locale("en_US"), CliFrame.Start()],
        [CliFrame.Arg("who-am-i"), CliFrame.Start(), CliFrame.Stdin(Encoding.UTF8.GetBytes("input\n")), CliFrame.EndStdin()],
        [CliFrame.Arg("create-job"), CliFrame.Arg("x é"), CliFrame.Start(), CliFrame.Stdin(Encoding.UTF8.GetBytes("<project/>")), CliFrame.EndStdin()],
    ];

    // The repository's own job configs and root config, and every XML file of the Jenkins fixture homes.
    private static List<byte[]> XmlSeeds()
    {
        var seedHome = Path.Combine(AppContext.BaseDirectory, "seed-home");
        var files = Directory.EnumerateFiles(seedHome, "*.xml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Infrastructure.TestServer.FixtureHome(string.Empty), "*.xml", SearchOption.AllDirectories).Take(40));
        return [.. files.Select(File.ReadAllBytes).Where(b => b.Length < 64 * 1024)];
    }

    private static IEnumerable<byte[]> FixtureXml(Func<string, bool> wanted) =>
        Directory.EnumerateFiles(Infrastructure.TestServer.FixtureHome(string.Empty), "*.xml", SearchOption.AllDirectories)
            .Where(f => wanted(f.Replace('\\', '/'))).Take(20).Select(File.ReadAllBytes);

    private static readonly string[] BasicSeeds = ["admin:11aabbccddeeff00112233445566778899", "élodie:pässwörd", ":", "user:", ":secret", "a:b:c"];

    private const string BuildXmlSeed = """
        <?xml version='1.1' encoding='UTF-8'?>
        <build>
          <actions>
            <hudson.model.ParametersAction>
              <safeParameters class="sorted-set"/>
              <parameters>
                <hudson.model.StringParameterValue><name>BRANCH</name><value>main</value></hudson.model.StringParameterValue>
                <hudson.model.PasswordParameterValue><name>KEY</name><value>{AQAAABAAAAAQ}</value></hudson.model.PasswordParameterValue>
              </parameters>
            </hudson.model.ParametersAction>
            <hudson.model.CauseAction>
              <causeBag class="linked-hash-map">
                <entry><hudson.model.Cause_-UserIdCause><userId>admin</userId></hudson.model.Cause_-UserIdCause><int>1</int></entry>
              </causeBag>
            </hudson.model.CauseAction>
          </actions>
          <queueId>7</queueId>
          <timestamp>1765000000000</timestamp>
          <startTime>1765000000001</startTime>
          <result>SUCCESS</result>
          <description>a build</description>
          <duration>1234</duration>
          <charset>UTF-8</charset>
          <keepLog>false</keepLog>
          <builtOn></builtOn>
        </build>
        """;

    private const string ViewsSeed = """
        <?xml version='1.1' encoding='UTF-8'?>
        <hudson>
          <views>
            <hudson.model.AllView><owner class="hudson" reference="../../.."/><name>all</name><properties class="hudson.model.View$PropertyList"/></hudson.model.AllView>
            <hudson.model.ListView><name>mine</name><description>d</description><jobNames><comparator class="hudson.util.CaseInsensitiveComparator"/><string>hello-world</string></jobNames><includeRegex>a.*</includeRegex></hudson.model.ListView>
          </views>
          <primaryView>all</primaryView>
        </hudson>
        """;

    // Byte flips, inserts of interesting bytes, deletions, truncation, duplication of a slice.
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var rounds = 1 + random.Next(4);
        byte[] interesting = [0x00, 0x7F, 0x80, 0xC0, 0xE0, 0xF0, 0xFF, (byte)'<', (byte)'>', (byte)'&', (byte)'"', (byte)'/'];
        for (var r = 0; r < rounds; r++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.Insert(at, interesting[random.Next(interesting.Length)]);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8)));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4 when bytes.Count > 0:
                    var length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }

    private static string Keep(string target, byte[] input)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "FuzzRegressions");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{target}.{Convert.ToHexStringLower(SHA256.HashData(input))[..16]}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }
}
