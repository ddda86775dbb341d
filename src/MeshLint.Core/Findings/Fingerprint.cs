using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MeshLint.Findings;

/// <summary>
/// A finding's identity without its line number: rule, file, object and the key or path it is
/// about. Baselines and SARIF consumers use it to tell a moved finding from a new one.
/// </summary>
internal static partial class Fingerprint
{
    public static string Of(string ruleId, string path, string? objectName, string anchor)
    {
        var identity = string.Join('\u001f', ruleId, path, objectName ?? string.Empty, anchor);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>
    /// A message as part of an anchor: a message may say where else the problem is ("first at line 6"),
    /// and the fingerprint must not move when that line does.
    /// </summary>
    public static string WithoutPositions(string message) => PositionInText().Replace(message, "$1");

    [GeneratedRegex(@"(?i)\b(line|col|column|idx|index|offset)\b[:\s]*\d+")]
    private static partial Regex PositionInText();
}
