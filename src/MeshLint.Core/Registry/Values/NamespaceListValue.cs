using System.Text.RegularExpressions;

namespace MeshLint.Registry.Values;

/// <summary>
/// <c>namespace-list</c>: what Istio's exportTo takes, <c>*</c> (everywhere), <c>.</c> (this
/// namespace), <c>~</c> (nowhere) or namespace names (DNS-1123 labels), separated by commas and trimmed.
/// </summary>
internal sealed partial class NamespaceListValue : IValueType
{
    public string Name => "namespace-list";

    public string Expected(ValueType type) => "*, ., ~ or namespace names separated by commas";

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        if (value.Trim().Length == 0)
        {
            return null;
        }

        foreach (var raw in value.Split(','))
        {
            var item = raw.Trim();
            if (item is "*" or "." or "~")
            {
                continue;
            }

            if (item.Length == 0)
            {
                return new ValueProblem("it has an empty item");
            }

            if (item.Length > 63 || !Label().IsMatch(item))
            {
                return new ValueProblem($"\"{item}\" is not a namespace name");
            }
        }

        return null;
    }

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex Label();
}
