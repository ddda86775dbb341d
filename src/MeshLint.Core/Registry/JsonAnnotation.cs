using System.Text.Json;
using MeshLint.Parsing;

namespace MeshLint.Registry;

/// <summary>Reads a value that Istio or Vault decodes with Go's encoding/json.</summary>
internal static class JsonAnnotation
{
    /// <summary>Annotations whose values Istio or the Vault injector decode as JSON.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "sidecar.istio.io/userVolume",
        "sidecar.istio.io/userVolumeMount",
        "proxy.istio.io/overrides",
        "vault.hashicorp.com/agent-json-patch",
        "vault.hashicorp.com/agent-init-json-patch",
    ];

    /// <summary>Null when the text is JSON, else the reason and the 1-based position inside the value.</summary>
    public static SyntaxProblem? Problem(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            return null;
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = (int)(exception.BytePositionInLine ?? 0) + 1;
            var reason = exception.Message;
            // System.Text.Json appends its own position and advice about reader options; neither helps here.
            foreach (var tail in new[] { " LineNumber:", " Change the reader options" })
            {
                var cut = reason.IndexOf(tail, StringComparison.Ordinal);
                if (cut > 0)
                {
                    reason = reason[..cut];
                }
            }

            return new SyntaxProblem(new SourcePosition(line, column), reason.TrimEnd('.', ' '), true);
        }
    }
}
