using System.CommandLine;
using System.CommandLine.Completions;

namespace MeshLint.Cli;

/// <summary>
/// <c>meshlint completion SHELL</c>: prints the script that makes a shell complete meshlint's
/// commands, options, option values, rule ids and names, and paths. Each script asks meshlint
/// itself, through System.CommandLine's <c>[suggest:POSITION]</c> directive, so completion follows
/// the same definitions as parsing and help, and needs no other tool (dotnet-suggest, .NET).
/// </summary>
internal static class CompletionCommand
{
    private static readonly Dictionary<string, string> Scripts = new(StringComparer.Ordinal)
    {
        // COMP_POINT is the cursor's offset in COMP_LINE. meshlint has matched the word already (rule
        // ids in any case), so the shells take its candidates as they are; a folder gets no space after it.
        ["bash"] = """
            # meshlint completion for bash; load it with: eval "$(meshlint completion bash)"
            _meshlint_complete() {
                local IFS=$'\n'
                COMPREPLY=($("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
                if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then compopt -o nospace; fi
            }
            complete -o default -F _meshlint_complete meshlint
            """,
        ["zsh"] = """
            # meshlint completion for zsh; load it with: eval "$(meshlint completion zsh)" (after compinit)
            _meshlint_complete() {
                local -a items folders others
                items=("${(@f)$("${words[1]}" "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
                folders=(${(M)items:#*/})
                others=(${items:#*/})
                compadd -U -S '' -a folders
                compadd -U -a others
            }
            compdef _meshlint_complete meshlint
            """,
        ["fish"] = """
            # meshlint completion for fish; load it with: meshlint completion fish | source
            complete -c meshlint -f -a '(meshlint "[suggest:"(string length -- (commandline -cp))"]" (commandline -cp) 2>/dev/null)'
            """,
        ["powershell"] = """
            # meshlint completion for PowerShell; load it with: meshlint completion powershell | Out-String | Invoke-Expression
            Register-ArgumentCompleter -Native -CommandName meshlint -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                $line = $commandAst.ToString()
                $position = $cursorPosition - $commandAst.Extent.StartOffset
                meshlint "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }
            """,
    };

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("SHELL") { HelpName = "SHELL", Description = string.Join(", ", Scripts.Keys) };
        shell.CompletionSources.Add(Scripts.Keys.ToArray());
        shell.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !Scripts.ContainsKey(result.Tokens[0].Value))
            {
                result.AddError($"completion: no script for the shell '{result.Tokens[0].Value}' (use {CliOptions.Alternatives(Scripts.Keys)})");
            }
        });
        var command = new Command("completion", "print the script that makes SHELL complete meshlint's commands, options, rules and paths (docs/completion.md)") { shell };
        command.SetAction(result =>
        {
            context.Stdout.WriteLine(Scripts[result.GetValue(shell)!].ReplaceLineEndings("\n"));
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>
    /// Completion of a PATH argument: the folders and the files <paramref name="accept"/> takes that
    /// start with the word, relative to <paramref name="workingDirectory"/>; hidden ones only when
    /// the word starts with a dot.
    /// </summary>
    public static IEnumerable<CompletionItem> Paths(CompletionContext completion, string workingDirectory, Func<string, bool> accept)
    {
        var word = completion.WordToComplete;
        var slash = word.LastIndexOf('/');
        var (folder, prefix) = slash < 0 ? (string.Empty, word) : (word[..(slash + 1)], word[(slash + 1)..]);
        var directory = new DirectoryInfo(Path.GetFullPath(folder.Length == 0 ? "." : folder, workingDirectory));
        if (!directory.Exists)
        {
            return [];
        }

        try
        {
            return directory.EnumerateFileSystemInfos()
                .Where(entry => entry.Name.StartsWith(prefix, StringComparison.Ordinal) && (prefix.StartsWith('.') || !entry.Name.StartsWith('.')))
                .Where(entry => entry is DirectoryInfo || accept(entry.Name))
                .Select(entry => folder + entry.Name + (entry is DirectoryInfo ? "/" : string.Empty))
                .Order(StringComparer.Ordinal)
                .Select(path => new CompletionItem(path))
                .ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
