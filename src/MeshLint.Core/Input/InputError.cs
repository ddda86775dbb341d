namespace MeshLint.Input;

/// <summary>A file that could not be read or linted at all (exit code 2), as opposed to one that was read and is wrong.</summary>
public sealed record InputError(string Path, string Message)
{
    /// <summary>The exception behind an internal error, shown in full only when debugging (MESHLINT_DEBUG=1).</summary>
    public Exception? Cause { get; init; }
}
