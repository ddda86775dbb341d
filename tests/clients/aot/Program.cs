// `meshlint server` and nothing else: the host the Native AOT test publishes.
if (args is not ["server", ..])
{
    Console.Error.WriteLine("usage: meshlint server");
    return 2;
}

using var input = Console.OpenStandardInput();
using var output = Console.OpenStandardOutput();
return await MeshLint.Server.LanguageServer.RunAsync(input, output, Console.Error);
