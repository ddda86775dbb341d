using System.Text;

namespace MeshLint.Fixes;

/// <summary>
/// A unified diff (<c>diff -u</c>, three lines of context) between two texts of one file, as
/// <c>meshlint fix --diff</c> prints it; <c>git apply</c> and <c>patch -p1</c> read it.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    public static string Of(string path, string before, string after)
    {
        if (before == after)
        {
            return string.Empty;
        }

        var a = Lines(before);
        var b = Lines(after);
        var script = Script(a, b);
        var output = new StringBuilder();
        output.Append("--- a/").Append(path).Append('\n');
        output.Append("+++ b/").Append(path).Append('\n');
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from this change, through every change less than two contexts apart, with context around.
            var start = Math.Max(0, i - Context);
            var end = i;
            var quiet = 0;
            for (var j = i; j < script.Count; j++)
            {
                if (script[j].Kind == ' ')
                {
                    if (++quiet > 2 * Context)
                    {
                        break;
                    }
                }
                else
                {
                    quiet = 0;
                    end = j;
                }
            }

            var stop = Math.Min(script.Count, end + Context + 1);
            var hunk = script.GetRange(start, stop - start);
            var oldStart = script[start].Old;
            var newStart = script[start].New;
            var oldCount = hunk.Count(line => line.Kind != '+');
            var newCount = hunk.Count(line => line.Kind != '-');
            output.Append($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            foreach (var line in hunk)
            {
                var text = line.Kind == '+' ? b[line.New] : a[line.Old];
                output.Append(line.Kind).Append(text.TrimEnd('\r', '\n')).Append('\n');
                if (!text.EndsWith('\n') && !text.EndsWith('\r'))
                {
                    output.Append("\\ No newline at end of file\n");
                }
            }

            i = stop;
        }

        return output.ToString();
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    /// <summary>The lines of a text, each with its line break, so a changed line ending is a changed line.</summary>
    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private readonly record struct Step(char Kind, int Old, int New);

    /// <summary>Myers' shortest edit script: kept, removed and added lines in order.</summary>
    private static List<Step> Script(List<string> a, List<string> b)
    {
        var n = a.Count;
        var m = b.Count;
        var max = n + m;
        var v = new int[(2 * max) + 2];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max]) ? v[k + 1 + max] : v[k - 1 + max] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[k + max] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(trace, n, m, max, d);
                }
            }
        }

        return [];
    }

    private static List<Step> Backtrack(List<int[]> trace, int n, int m, int max, int depth)
    {
        var steps = new List<Step>();
        int x = n, y = m;
        for (var d = depth; d > 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var previousK = k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max]) ? k + 1 : k - 1;
            var previousX = v[previousK + max];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                steps.Add(new Step(' ', --x, --y));
            }

            steps.Add(x == previousX ? new Step('+', x, --y) : new Step('-', --x, y));
            (x, y) = (previousX, previousY);
        }

        while (x > 0 && y > 0)
        {
            steps.Add(new Step(' ', --x, --y));
        }

        steps.Reverse();
        return steps;
    }
}
