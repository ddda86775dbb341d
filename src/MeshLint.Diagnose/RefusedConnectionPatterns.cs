using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace MeshLint.Diagnose;

/// <summary>A named way a client library reports that the TCP connect was refused.</summary>
public sealed record RefusedConnectionPattern(string Name, Regex Regex, string ProducedBy)
{
    /// <summary>Builds a user pattern; the error names the offending text instead of throwing.</summary>
    public static bool TryCreateCustom(string regex, int position, [NotNullWhen(true)] out RefusedConnectionPattern? pattern, out string error)
    {
        pattern = null;
        error = string.Empty;
        try
        {
            pattern = new RefusedConnectionPattern($"custom-{position}", new Regex(regex, RefusedConnectionPatterns.Options, TimeSpan.FromSeconds(1)), "--refused-pattern");
            return true;
        }
        catch (ArgumentException ex)
        {
            error = $"--refused-pattern '{regex}' is not a valid regular expression: {ex.Message}";
            return false;
        }
    }
}

/// <summary>The first pattern that matched a log line.</summary>
internal sealed record RefusedConnectionMatch(string PatternName);

/// <summary>
/// The one place that knows what "connection refused" looks like in application logs.
/// While istio-init's iptables rules redirect outbound traffic to 15001 and Envoy is not yet
/// listening, every outbound connect gets a TCP RST, which each client library words differently.
/// </summary>
internal sealed class RefusedConnectionPatterns
{
    internal const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>Ordered from specific to generic so the reported name says which client produced the line.</summary>
    public static readonly IReadOnlyList<RefusedConnectionPattern> Defaults =
    [
        // Go net package (and everything built on it: go-redis, grpc-go, pgx, net/http):
        // "dial tcp 10.0.0.5:6379: connect: connection refused".
        new("go-dial", new Regex(@"connect: connection refused", Options),
            "Go net.Dial (go-redis, grpc-go, net/http, client-go)"),

        // Node.js net/http and libraries on top of it, e.g. ioredis:
        // "[ioredis] Unhandled error event: Error: connect ECONNREFUSED 10.0.0.5:6379".
        new("node-econnrefused", new Regex(@"\bECONNREFUSED\b", Options),
            "Node.js net (ioredis, node-postgres, axios, got)"),

        // JVM: "java.net.ConnectException: Connection refused" and Netty's
        // "AnnotatedConnectException: Connection refused: /10.0.0.5:6379" (Lettuce, Reactor Netty).
        new("java-connect-exception", new Regex(@"ConnectException:?.*Connection refused", Options),
            "Java java.net / Netty (Jedis, Lettuce, JDBC, OkHttp)"),

        // CPython errno 111: "ConnectionRefusedError: [Errno 111] Connection refused",
        // requests/urllib3 "[Errno 111] Connection refused", redis-py
        // "Error 111 connecting to 10.0.0.5:6379. Connection refused.".
        new("python-errno-111", new Regex(@"ConnectionRefusedError|\[Errno 111\] Connection refused|Error 111 connecting to", Options),
            "Python socket (redis-py, requests, urllib3, psycopg)"),

        // libpq and libcurl based clients: "could not connect to server: Connection refused",
        // "Failed to connect to 10.0.0.5 port 443: Connection refused".
        new("libpq-libcurl", new Regex(@"(?:could not connect to server|Failed to connect to).*Connection refused", Options | RegexOptions.IgnoreCase),
            "libpq / libcurl"),

        // Anything else that spells it out (.NET SocketException "Connection refused", Ruby
        // Errno::ECONNREFUSED "Connection refused - connect(2)", Rust io::Error "Connection refused (os error 111)").
        new("generic", new Regex(@"\bconnection refused\b", Options | RegexOptions.IgnoreCase),
            ".NET, Ruby, Rust and other runtimes"),
    ];

    private readonly IReadOnlyList<RefusedConnectionPattern> _patterns;

    public RefusedConnectionPatterns(IReadOnlyList<RefusedConnectionPattern> patterns)
    {
        _patterns = patterns;
    }

    public IReadOnlyList<RefusedConnectionPattern> Patterns => _patterns;

    /// <summary>The defaults followed by user patterns (from --refused-pattern or the config file).</summary>
    public static RefusedConnectionPatterns WithExtra(IEnumerable<RefusedConnectionPattern> extra) =>
        new([.. Defaults, .. extra]);

    public RefusedConnectionMatch? Match(string line)
    {
        foreach (var pattern in _patterns)
        {
            try
            {
                if (pattern.Regex.IsMatch(line))
                {
                    return new RefusedConnectionMatch(pattern.Name);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological user pattern must not stop the diagnosis of the remaining lines.
            }
        }

        return null;
    }
}
