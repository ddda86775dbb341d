using MeshLint.Parsing;

namespace MeshLint.Configuration;

/// <summary>A configuration or user rule file that cannot be used, and where: the run stops with exit code 2.</summary>
internal sealed record ConfigurationError(string Path, SourcePosition At, string Message)
{
    public override string ToString() => $"{Path}:{At.Line}:{At.Column}: {Message}";
}
