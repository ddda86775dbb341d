namespace MeshLint.Findings;

/// <summary>The one order every report uses, so output never depends on thread scheduling.</summary>
internal sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byPath = string.CompareOrdinal(x.Path, y.Path);
        if (byPath != 0)
        {
            return byPath;
        }

        var byLine = x.Start.Line.CompareTo(y.Start.Line);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = x.Start.Column.CompareTo(y.Start.Column);
        if (byColumn != 0)
        {
            return byColumn;
        }

        var byRule = string.CompareOrdinal(x.RuleId, y.RuleId);
        return byRule != 0 ? byRule : string.CompareOrdinal(x.Message, y.Message);
    }
}
