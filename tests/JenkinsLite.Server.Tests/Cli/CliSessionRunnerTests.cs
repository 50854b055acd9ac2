using System.IO.Pipelines;
using System.Security.Cryptography;
using JenkinsLite.Cli;
using JenkinsLite.Cli.Transport;
using JenkinsLite.Protocol.Cli;
using JenkinsLite.Server.Cli;
using JenkinsLite.Server.Hosting;
using JenkinsLite.Server.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JenkinsLite.Server.Tests.Cli;

/// <summary>
/// The client's protocol half against the server's, joined by in-memory pipes with the <c>-http</c>
/// framing: stdin of any size reaches a command whole and in order, then EOF.
/// </summary>
internal sealed class CliSessionRunnerTests
{
    private string _home = null!;

    [SetUp]
    public void CreateHome() => _home = Directory.CreateTempSubdirectory("jenkinslite-cli-").FullName;

    [TearDown]
    public void DeleteHome() => Directory.Delete(_home, recursive: true);

    [TestCase(0)]
    [TestCase(59_999)]
    [TestCase(60_001)]
    [TestCase(250_000)]
    public async Task RunAsync_StdinOfAnySize_ReachesTheCommandWholeThenEof(int size)
    {
        // Arrange
        var input = RandomNumberGenerator.GetBytes(size);
        var options = new ServerOptions { HomePath = _home, SeedFolder = Path.Combine(AppContext.BaseDirectory, "seed-home") };
        HomeSeeder.SeedIfEmpty(options);
        var instance = new JenkinsInstance(options);
        await using var services = new ServiceCollection().AddSingleton(instance).BuildServiceProvider();
        var runner = new CliSessionRunner(new CliCommands([new EchoStdinCommand()]), services, instance, NullLogger<CliSessionRunner>.Instance);
        var toServer = new Pipe();
        var toClient = new Pipe();
        using var serverChannel = new StreamFrameChannel(toServer.Reader.AsStream(), toClient.Writer.AsStream(), CliSessionRunner.MaxClientPayload);
        using var clientChannel = new StreamFrameChannel(toClient.Reader.AsStream(), toServer.Writer.AsStream(), 1 << 24);
        var stdout = new MemoryStream();
        var driver = new ProtocolDriver(["echo-stdin"], "en", new MemoryStream(input), stdout, Stream.Null, new ClientLog(JenkinsLite.Cli.Options.LogLevel.Off, TextWriter.Null));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // Act
        var server = runner.RunAsync(serverChannel, RequestCaller.Anonymous, uploadIdle: TimeSpan.FromSeconds(5), limit.Token);
        var code = await driver.RunAsync(clientChannel, ping: true, null, limit.Token);
        await toServer.Writer.CompleteAsync(); // the client closes its side after EXIT
        await server;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(42));
            Assert.That(stdout.ToArray(), Is.EqualTo(input));
        });
    }

    /// <summary>Copies stdin to stdout, and exits 42 once stdin has ended.</summary>
    private sealed class EchoStdinCommand : ICliCommand
    {
        public string Name => "echo-stdin";

        public string Summary => "Test command.";

        public CliSyntax Syntax => CliSyntax.None;

        public bool RequiresOverallRead => false;

        public async Task<int> RunAsync(CliContext context, CliArguments arguments, CancellationToken cancellationToken)
        {
            var all = await context.ReadStdinAsync(1 << 20, cancellationToken);
            await context.Out.WriteAsync(all, cancellationToken);
            return 42;
        }
    }
}
