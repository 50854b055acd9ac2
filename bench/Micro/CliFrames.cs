using BenchmarkDotNet.Attributes;
using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Bench.Micro;

/// <summary>The CLI frame codec: an argument frame to a WebSocket message and back.</summary>
[MemoryDiagnoser]
public class CliFrames
{
    private readonly byte[] _message = CliFrameCodec.ToMessage(CliFrame.Arg("who-am-i"));

    [Benchmark]
    public byte[] Encode() => CliFrameCodec.ToMessage(CliFrame.Arg("who-am-i"));

    [Benchmark]
    public string Decode() => CliFrameCodec.FromMessage(_message).ReadString();
}
