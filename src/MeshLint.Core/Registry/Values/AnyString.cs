namespace MeshLint.Registry.Values;

/// <summary><c>string</c>: free text (images, names, paths, templates); every value passes.</summary>
internal sealed class AnyString : IValueType
{
    public string Name => "string";

    public string Expected(ValueType type) => "any text";

    public ValueProblem? Check(string value, ValueType type, ValueContext context) => null;
}
