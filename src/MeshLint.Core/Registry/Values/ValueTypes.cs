namespace MeshLint.Registry.Values;

/// <summary>The value types of the registry vocabulary, by the name the data uses.</summary>
internal static class ValueTypes
{
    /// <summary>Types other rules judge: MESH006 the CIDR lists, MESH003 and MESH004 the JSON and ProxyConfig texts.</summary>
    public static IReadOnlySet<string> JudgedElsewhere { get; } = new HashSet<string>(StringComparer.Ordinal) { "cidr-list", "json", "proxy-config" };

    private static readonly Dictionary<string, IValueType> ByName = new IValueType[]
    {
        new AnyString(),
        new GoBoolValue(),
        new EnumValue(),
        new Uint32Value(),
        new IntegerValue(),
        new GoFloatValue(),
        new PortValue(),
        new PortListValue(),
        new InterfaceListValue(),
        new QuantityValue(),
        new GoDurationValue(),
        new LogLevelValue(),
        new StringListValue(),
        new NamespaceListValue(),
    }.ToDictionary(type => type.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The check for <paramref name="name"/>; null for an unknown name and for the types judged elsewhere.</summary>
    public static IValueType? Find(string name) => ByName.GetValueOrDefault(name);
}
