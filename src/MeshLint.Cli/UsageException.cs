namespace MeshLint.Cli;

/// <summary>A usage error: printed with a hint, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
