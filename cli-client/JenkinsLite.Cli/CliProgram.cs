namespace JenkinsLite.Cli;

/// <summary>
/// The jenkins-cli style client. The CLI protocol lands with its own issue; until then the
/// client only says so, and exits with the jar's code for "no usable transport".
/// </summary>
public static class CliProgram
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("jenkinslite-cli: the CLI transport is not implemented yet.");
        return args.Length == 0 ? 0 : 255;
    }
}
