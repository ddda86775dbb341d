namespace MeshLint.Cli;

/// <summary>
/// <c>meshlint server</c>: the language server, speaking LSP on standard input and output (the
/// editor starts it); its log goes to standard error.
/// </summary>
internal static class ServerCommand
{
    /// <remarks>Editors add <c>--stdio</c> by convention (vscode-languageclient does); standard input and output is the only transport.</remarks>
    public static int Run(CliContext context)
    {
        var stderr = context.Stderr;
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        return Server.LanguageServer.RunAsync(input, output, stderr).GetAwaiter().GetResult();
    }
}
