namespace MeshLint.Cli;

/// <summary>
/// <c>meshlint server</c>: the language server, speaking LSP on standard input and output (the
/// editor starts it); its log goes to standard error.
/// </summary>
internal static class ServerCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stderr)
    {
        // Editors add --stdio by convention (vscode-languageclient does); standard input and output is the only transport.
        if (args.FirstOrDefault(arg => arg != "--stdio") is { } unknown)
        {
            throw new UsageException($"server: unknown argument '{unknown}'");
        }

        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        return Server.LanguageServer.RunAsync(input, output, stderr).GetAwaiter().GetResult();
    }
}
