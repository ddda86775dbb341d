using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace MeshLint.Parsing;

/// <summary>Reads NJsonSchema's validation errors for the messages of every schema MeshLint checks (rules, ProxyConfig, configuration).</summary>
internal static class SchemaErrors
{
    /// <summary>The errors that name a value: a failed anyOf/oneOf/allOf reports its branches' errors, not itself.</summary>
    public static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                var inner = child.Errors.Values.SelectMany(list => list).ToList();
                if (inner.Count > 0)
                {
                    foreach (var leaf in Leaves(inner))
                    {
                        yield return leaf;
                    }

                    continue;
                }
            }

            yield return error;
        }
    }

    /// <summary>A JSON value's type in the words of YAML, for messages: "mapping", "list", "string"...</summary>
    public static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Boolean => "boolean",
        JTokenType.Integer or JTokenType.Float => "number",
        JTokenType.Null => "null",
        JTokenType.Object => "mapping",
        JTokenType.Array => "list",
        _ => "string",
    };
}
