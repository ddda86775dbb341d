using System.Text;
using MeshLint.Engine;
using MeshLint.Input;

namespace MeshLint.Tests.Support;

/// <summary>Runs the linter in process on text or bytes named <c>input.yaml</c>, one job, no files on disk.</summary>
public static class TestSupport
{
    public static LintResult Lint(string text) => new Linter(new LintOptions { Jobs = 1 }).RunText("input.yaml", text);

    public static LintResult LintBytes(byte[] bytes, LintOptions? options = null) =>
        new Linter(options ?? new LintOptions { Jobs = 1 }).Run([new SourceFile("input.yaml", null) { Content = bytes, Role = FileRole.Manifest }]);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
