using JenkinsLite.Core.Views;

namespace JenkinsLite.Server.Cli.Commands;

/// <summary>What the view commands share: the view store and Jenkins' answers about views.</summary>
internal static class ViewCommandSupport
{
    public const int MaxViewBytes = 4 * 1024 * 1024;

    public static IViewStore Store(CliContext context) =>
        context.Services.GetService<IViewStore>() ?? throw new CliException("Views are not available on this server.");

    /// <summary>Jenkins' ViewOptionHandler message; exit 3.</summary>
    public static ViewConfig Find(IViewStore views, string name) =>
        views.Find(name) ?? throw CliException.IllegalArgument($"No view named {name} inside view Jenkins");

    public static CliException Problem(ViewChange change, string name, string? problem) => change switch
    {
        ViewChange.NotFound => CliException.IllegalArgument($"No view named {name} inside view Jenkins"),
        ViewChange.AlreadyExists => CliException.IllegalState($"View '{name}' already exists"),
        ViewChange.InvalidName => CliException.IllegalArgument(problem ?? $"'{name}' is not a valid view name"),
        ViewChange.InvalidConfig => new CliException(problem ?? "The view configuration is not valid"),
        ViewChange.NotApplicable => CliException.IllegalState(problem ?? $"View '{name}' cannot be changed this way"),
        _ => CliException.IllegalState(problem ?? change.ToString()),
    };
}
