namespace MeshLint.Parsing;

/// <summary>"Did you mean": the known name nearest to a misspelt one, if it is near enough to be a typo (also for the command line's options and commands).</summary>
public static class ClosestName
{
    public static string? Find(string name, IEnumerable<string> candidates) =>
        Find(name, candidates, Math.Max(2, name.Length / 4));

    /// <summary>
    /// The candidate at the smallest edit distance from <paramref name="name"/>, if that is at most
    /// <paramref name="maxDistance"/>; case is free, so a name equal but for case is always found.
    /// The first of equally near candidates wins.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates, int maxDistance)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= maxDistance ? best : null;
    }

    /// <summary>The nearest name when no other is as near: a fix may rename to it only then.</summary>
    public static string? FindUnique(string name, IEnumerable<string> candidates)
    {
        var best = Find(name, candidates);
        if (best is null)
        {
            return null;
        }

        var distance = Distance(name, best);
        return candidates.Count(candidate => candidate != best && Distance(name, candidate) <= distance) == 0 ? best : null;
    }

    /// <summary>Levenshtein distance, ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
