using System.Text.RegularExpressions;
using MeshLint.Diagnose;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Diagnose;

public sealed class RefusedConnectionPatternsTests
{
    private static readonly RefusedConnectionPatterns Defaults = new(RefusedConnectionPatterns.Defaults);

    [Theory]
    [InlineData("Error: failed to create connection to feature-store redis, err=dial tcp   192.168.9.16:19209: connect: connection refused", "go-dial")]
    [InlineData("rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial tcp 10.8.3.21:9090: connect: connection refused\"", "go-dial")]
    [InlineData("[ioredis] Unhandled error event: Error: connect ECONNREFUSED", "node-econnrefused")]
    [InlineData("Error: connect ECONNREFUSED 10.20.0.5:6379 at TCPConnectWrap.afterConnect", "node-econnrefused")]
    [InlineData("java.net.ConnectException: Connection refused", "java-connect-exception")]
    [InlineData("io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: /10.0.0.5:6379", "java-connect-exception")]
    [InlineData("ConnectionRefusedError: [Errno 111] Connection refused", "python-errno-111")]
    [InlineData("redis.exceptions.ConnectionError: Error 111 connecting to 10.0.0.5:6379. Connection refused.", "python-errno-111")]
    [InlineData("urllib3.exceptions.NewConnectionError: Failed to establish a new connection: [Errno 111] Connection refused", "python-errno-111")]
    [InlineData("psql: error: could not connect to server: Connection refused", "libpq-libcurl")]
    [InlineData("curl: (7) Failed to connect to 10.0.0.5 port 443 after 0 ms: Connection refused", "libpq-libcurl")]
    [InlineData("System.Net.Http.HttpRequestException: Connection refused (payments:8080)", "generic")]
    public void Recognises_each_client_library(string line, string pattern)
    {
        Defaults.Match(line)!.PatternName.ShouldBe(pattern);
    }

    [Theory]
    [InlineData("read tcp 10.0.0.4:51234->10.0.0.5:6379: read: connection reset by peer")]
    [InlineData("upstream connect error or disconnect/reset before headers. reset reason: connection termination")]
    [InlineData("dial tcp 10.0.0.5:6379: i/o timeout")]
    [InlineData("request refused: quota exceeded")]
    public void Ignores_other_network_errors(string line)
    {
        Defaults.Match(line).ShouldBeNull();
    }

    [Fact]
    public void Pattern_set_is_whatever_the_constructor_gets()
    {
        var onlyCustom = new RefusedConnectionPatterns([new RefusedConnectionPattern("envoy-503", new Regex("upstream connect error"), "test")]);

        onlyCustom.Match("upstream connect error or disconnect/reset before headers")!.PatternName.ShouldBe("envoy-503");
        onlyCustom.Match("connect: connection refused").ShouldBeNull();
    }

    [Fact]
    public void Refused_pattern_option_extends_the_defaults()
    {
        var log = Path.Combine(Path.GetTempPath(), $"meshlint-{Guid.NewGuid():N}", "pricing-5d6f7b8c9-h2k4m_pricing.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllText(log, "2024-05-14T10:00:01.000000001Z socket error: EHOSTUNREACH 10.0.0.9:443\n");
        try
        {
            // Without the extra pattern the line is no refused connection, so the pod has nothing to report.
            DiagnoseRun.Of("--format", "json", log).Root.GetProperty("summary").GetProperty("pods").GetInt32().ShouldBe(0);

            var extended = DiagnoseRun.Of("--format", "json", "--refused-pattern", "EHOSTUNREACH", log);
            extended.ExitCode.ShouldBe(0);
            extended.Findings("pricing-5d6f7b8c9-h2k4m")["startup-race"].GetProperty("summary").GetString()
                .ShouldBe("not enough data: no istio-proxy events for this pod: export events too");
            DiagnoseRun.TimelineEvents(extended.Findings("pricing-5d6f7b8c9-h2k4m")["startup-race"])
                .ShouldHaveSingleItem().ShouldContain("pattern custom-1");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
        }
    }
}
