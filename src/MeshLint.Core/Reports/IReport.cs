using MeshLint.Engine;

namespace MeshLint.Reports;

/// <summary>A way of writing one run's findings.</summary>
public interface IReport
{
    void Write(LintResult result, TextWriter writer);
}
