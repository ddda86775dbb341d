using SharpFuzz;

namespace MeshLint.Fuzz;

/// <summary>
/// Under AFL++ (<c>afl-fuzz … -- dotnet meshlint-fuzz.dll</c>) runs the pipeline target in SharpFuzz's
/// persistent mode; with file arguments it replays them, which is how crashes are reproduced.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var target = PipelineTarget.Load();
        if (args.Length > 0)
        {
            foreach (var path in args)
            {
                target.Run(File.ReadAllBytes(path));
                Console.WriteLine($"ok {path}");
            }

            return 0;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        });
        return 0;
    }
}
