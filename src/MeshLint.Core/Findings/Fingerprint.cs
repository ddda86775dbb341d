using System.Security.Cryptography;
using System.Text;

namespace MeshLint.Findings;

/// <summary>
/// A finding's identity without its line number: rule, file, object and the key or path it is
/// about. Baselines and SARIF consumers use it to tell a moved finding from a new one.
/// </summary>
public static class Fingerprint
{
    public static string Of(string ruleId, string path, string? objectName, string anchor)
    {
        var identity = string.Join('\u001f', ruleId, path, objectName ?? string.Empty, anchor);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
