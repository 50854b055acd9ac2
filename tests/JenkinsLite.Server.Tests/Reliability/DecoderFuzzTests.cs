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
/// loaders. Each may refuse input only with its own error type, never crash or hang. CI tries
/// <see cref="DefaultInputs"/> inputs; <c>JENKINSLITE_FUZZ_INPUTS=2000000 JENKINSLITE_FUZZ_SEED=n</c> runs
/// longer. An input that fails is written to FuzzRegressions/ (printed); committed there, it is replayed on every run.
/// </summary>
internal sealed class DecoderFuzzTests
{
    private const int DefaultInputs = 20_000;
    private const int MaxPayload = 64 * 1024;

    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["http-frames"] = ReadHttpFrames,
        ["ws-message"] = ReadWebSocketMessage,
        ["modified-utf8"] = DecodeModifiedUtf8,
        ["xml"] = LoadXml,
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
        _ = new JobConfigXml().Parse(input, out _);
    }

    private static List<byte[]> SeedsOf(string target) => target switch
    {
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
