using System.Text;
using MeshLint.Engine;
using MeshLint.Input;
using MeshLint.Reports;
using MeshLint.Rules;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace MeshLint.Fuzz;

/// <summary>
/// One fuzz input through the whole pipeline (bytes → findings → every report format), checking the
/// invariants users rely on. A broken invariant throws, which the fuzzer records as a crash.
/// </summary>
public sealed class PipelineTarget(JsonSchema sarifSchema)
{
    public static PipelineTarget Load()
    {
        var schemaPath = Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json");
        return new PipelineTarget(JsonSchema.FromJsonAsync(File.ReadAllText(schemaPath)).GetAwaiter().GetResult());
    }

    public void Run(byte[] input)
    {
        var first = Reports(input);
        var second = Reports(input);
        if (first != second)
        {
            throw new InvariantBroken("the same input gave different reports");
        }
    }

    private string Reports(byte[] input)
    {
        var file = new SourceFile("fuzz/input.yaml", null) { Content = input };
        var result = new Linter(new LintOptions { Jobs = 1 }).Run([file]);
        CheckPositions(input, result);

        var text = Write(new TextReport(color: false), result);
        if (text.Any(c => c == '\u001b'))
        {
            throw new InvariantBroken("an escape character reached the text report");
        }

        var json = Write(new JsonReport(), result);
        JToken.Parse(json);

        var sarif = Write(new SarifReport(RuleCatalog.BuiltIn, "0.0.0-fuzz"), result);
        var errors = sarifSchema.Validate(sarif);
        if (errors.Count > 0)
        {
            throw new InvariantBroken("SARIF failed the schema: " + string.Join("; ", errors.Select(error => error.ToString())));
        }

        return text + json + sarif;
    }

    private static void CheckPositions(byte[] input, LintResult result)
    {
        var decoded = SourceText.Decode(input).Text ?? Encoding.UTF8.GetString(input);
        var lines = decoded.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        foreach (var finding in result.Findings)
        {
            var (line, column) = (finding.Start.Line, finding.Start.Column);
            if (line < 1 || line > lines.Length || column < 1 || column > lines[line - 1].Length + 1)
            {
                throw new InvariantBroken($"finding {finding.RuleId} at {line}:{column} is outside the input ({lines.Length} lines)");
            }
        }
    }

    private static string Write(IReport report, LintResult result)
    {
        var writer = new StringWriter();
        report.Write(result, writer);
        return writer.ToString();
    }
}

public sealed class InvariantBroken(string message) : Exception(message);
