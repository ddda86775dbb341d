using System.Text.RegularExpressions;

namespace MeshLint.Registry.Values;

/// <summary>
/// <c>interface-list</c>: network interface names separated by commas, each trimmed, 1 to 15
/// characters (the kernel's IFNAMSIZ less the terminator) matching ^[a-zA-Z][a-zA-Z0-9_.-]*$.
/// Istio validates this from 1.30; older releases hand the names to iptables, which the kernel refuses.
/// </summary>
internal sealed partial class InterfaceListValue : IValueType
{
    public string Name => "interface-list";

    public string Expected(ValueType type) => "interface names such as eth1,net1, each 1 to 15 letters, digits, '_', '.' or '-' starting with a letter";

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        if (value.Length == 0)
        {
            return null;
        }

        foreach (var raw in value.Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                return new ValueProblem("it has an empty item");
            }

            if (item.Length > 15)
            {
                return new ValueProblem($"\"{item}\" is longer than 15 characters");
            }

            if (!InterfaceName().IsMatch(item))
            {
                return new ValueProblem($"\"{item}\" is not an interface name");
            }
        }

        return null;
    }

    [GeneratedRegex(@"\A[a-zA-Z][a-zA-Z0-9_.\-]*\z")]
    private static partial Regex InterfaceName();
}
