using System.CommandLine;
using System.CommandLine.Parsing;
using MeshLint.Parsing;

namespace MeshLint.Cli;

/// <summary>A usage error: the one line that names the problem, and the help to read.</summary>
internal sealed record UsageError(string Message, string Help);

/// <summary>
/// Turns what System.CommandLine could not parse into one line that names the problem and, for a
/// misspelt option or command, the nearest one ("did you mean"), taken from the same definitions.
/// A word that starts with <c>-</c> where a PATH goes is an unknown option, not a file, unless it
/// follows <c>--</c>.
/// </summary>
internal static class UsageErrors
{
    public static UsageError? Describe(ParseResult result, string workingDirectory)
    {
        if (result.Action is System.CommandLine.Invocation.CommandLineAction { ClearsParseErrors: true })
        {
            return null;
        }

        var command = result.CommandResult.Command;
        var name = CommandName(command);
        var help = command is RootCommand ? "meshlint --help" : $"{name} --help";
        var message = MistypedCommand(result, workingDirectory)
            ?? BeforeCommand(result, name)
            ?? UnknownOption(result, command, name)
            ?? Unexpected(result, name)
            ?? Missing(result, name)
            ?? result.Errors.Select(error => error.Message).FirstOrDefault();
        return message is null ? null : new UsageError(message, help);
    }

    /// <summary><c>meshlint rulez</c>: a first PATH that is no file but is near a command's name.</summary>
    private static string? MistypedCommand(ParseResult result, string workingDirectory)
    {
        if (result.CommandResult.Command is not RootCommand root || PathTokens(result).FirstOrDefault() is not { } first
            || first.Value.Contains('/') || first.Value.StartsWith('-') || Path.Exists(Path.Combine(workingDirectory, first.Value)))
        {
            return null;
        }

        var commands = root.Subcommands.Where(subcommand => !subcommand.Hidden).Select(subcommand => subcommand.Name);
        return ClosestName.Find(first.Value, commands) is { } near
            ? $"unknown command '{first.Value}'; did you mean 'meshlint {near}'? (a path of that name: ./{first.Value})"
            : null;
    }

    /// <summary><c>meshlint --select MESH001 fix</c>: an option of linting before another command's name would be dropped silently.</summary>
    private static string? BeforeCommand(ParseResult result, string name) =>
        result.CommandResult.Command is RootCommand ? null
        : result.RootCommandResult.Children.OfType<OptionResult>().FirstOrDefault(option => !option.Implicit && option.IdentifierToken is not null) is { IdentifierToken: { } given }
            ? $"{given.Value} is given before the command; write it after: '{name} {given.Value} ...'"
            : null;

    private static string? UnknownOption(ParseResult result, Command command, string name)
    {
        var word = PathTokens(result).Select(token => token.Value).Concat(result.UnmatchedTokens).FirstOrDefault(IsOption);
        if (word is null)
        {
            return null;
        }

        var option = word.Split('=', 2)[0];
        var known = Names(command, result).ToList();
        if (known.Contains(option, StringComparer.Ordinal))
        {
            return $"{option} is given in a form {name} does not read: '{word}'";
        }

        var root = result.RootCommandResult.Command;
        // The root's options are lint's, so lint names them.
        var owners = root.Subcommands.Where(other => other != command && !other.Hidden && other.Options.Any(candidate => Has(candidate, option))).Select(CommandName).ToList();
        if (owners.Count > 0)
        {
            return $"{name} does not take the option '{option}' (an option of {CliOptions.Alternatives(owners.Select(owner => $"'{owner}'")).Replace(" or ", " and ", StringComparison.Ordinal)})";
        }

        var suggestion = ClosestName.Find(option, known) is { } near ? $"; did you mean '{near}'?" : string.Empty;
        return command is RootCommand ? $"unknown option '{option}'{suggestion}" : $"unknown option '{option}' for '{name}'{suggestion}";
    }

    /// <summary>A word where the command takes none, or no more.</summary>
    private static string? Unexpected(ParseResult result, string name) =>
        result.UnmatchedTokens.FirstOrDefault() is { } word
            ? result.CommandResult.Command.Arguments.Count == 0 ? $"{name} takes no argument '{word}'" : $"{name} takes one {result.CommandResult.Command.Arguments[0].Name}, not also '{word}'"
            : null;

    /// <summary>An option given without its value, or a command without its argument.</summary>
    private static string? Missing(ParseResult result, string name)
    {
        foreach (var child in result.CommandResult.Children.Concat(result.RootCommandResult.Children))
        {
            if (child is OptionResult { Implicit: false, IdentifierToken: { } given } option && option.Tokens.Count < option.Option.Arity.MinimumNumberOfValues)
            {
                return $"{given.Value} needs a value";
            }

            if (child is OptionResult { IdentifierToken: { } repeated } single && single.Option.Arity.MaximumNumberOfValues == 1 && single.Tokens.Count > 1)
            {
                return $"{repeated.Value} can be given only once";
            }
        }

        var argument = result.CommandResult.Command.Arguments.FirstOrDefault(argument => argument.Arity.MinimumNumberOfValues > 0 && (result.GetResult(argument)?.Tokens.Count ?? 0) == 0);
        return argument is null ? null : $"{name} needs {argument.Name}, e.g. '{name} {Example(argument)}'";
    }

    private static string Example(Argument argument) => argument.Name == "SHELL" ? "bash" : "MESH002";

    /// <summary>The words the command took as its arguments, before any <c>--</c>.</summary>
    private static IEnumerable<Token> PathTokens(ParseResult result)
    {
        var doubleDash = result.Tokens.Select((token, index) => (token, index)).FirstOrDefault(pair => pair.token.Type == TokenType.DoubleDash);
        var end = doubleDash.token is null ? int.MaxValue : doubleDash.index;
        var tokens = result.Tokens.ToList();
        return result.CommandResult.Children.OfType<ArgumentResult>().SelectMany(argument => argument.Tokens)
            .Where(token => tokens.FindIndex(candidate => ReferenceEquals(candidate, token)) is var index and >= 0 && index < end);
    }

    private static bool IsOption(string word) => word.Length > 1 && word.StartsWith('-');

    /// <summary>Every name and alias of the options <paramref name="command"/> takes, the help option (given to all) included.</summary>
    private static IEnumerable<string> Names(Command command, ParseResult result) =>
        command.Options.Concat(result.RootCommandResult.Command.Options.Where(option => option.Recursive))
            .Where(option => !option.Hidden)
            .SelectMany(option => option.Aliases.Prepend(option.Name));

    private static bool Has(Option option, string name) => option.Name == name || option.Aliases.Contains(name);

    private static string CommandName(Command command) => command is RootCommand ? "meshlint" : $"meshlint {command.Name}";
}
