using MeshLint.Parsing;

namespace MeshLint.Registry.Values;

/// <summary><c>go-bool</c>: Go's strconv.ParseBool, which Istio and the Vault injector read switches with.</summary>
internal sealed class GoBoolValue : IValueType
{
    public string Name => "go-bool";

    public string Expected(ValueType type) => "true or false (Go also reads 1, t, T, TRUE, True, 0, f, F, FALSE, False)";

    public ValueProblem? Check(string value, ValueType type, ValueContext context) =>
        GoBool.IsTrue(value) || GoBool.IsFalse(value) ? null : new ValueProblem("it is not a Go boolean");
}
