using System.Text;
using System.Text.Json;
using MeshLint.Diagnose;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Diagnose;

public sealed class Rfc3339TimestampTests
{
    [Theory]
    [InlineData("2024-05-14T10:41:15.550123456Z", "2024-05-14T10:41:15.5501234+00:00")]
    [InlineData("2024-05-14T10:41:15Z", "2024-05-14T10:41:15.0000000+00:00")]
    [InlineData("2024-05-14t10:41:15.5z", "2024-05-14T10:41:15.5000000+00:00")]
    [InlineData("2024-05-14T12:41:15.123456789+02:00", "2024-05-14T12:41:15.1234567+02:00")]
    [InlineData("2024-05-14T05:11:15.000001-05:30", "2024-05-14T05:11:15.0000010-05:30")]
    [InlineData("2016-12-31T23:59:60Z", "2017-01-01T00:00:00.0000000+00:00")]
    public void Parses_nanoseconds_and_offsets(string text, string expected)
    {
        Rfc3339Timestamp.TryParse(text, out var parsed).ShouldBeTrue();
        parsed.ToString("o").ShouldBe(expected);
    }

    [Fact]
    public void Offsets_compare_on_the_same_instant()
    {
        Rfc3339Timestamp.TryParse("2024-05-14T09:30:04.123456789+02:00", out var local).ShouldBeTrue();
        Rfc3339Timestamp.TryParse("2024-05-14T07:30:04.1234567Z", out var utc).ShouldBeTrue();
        local.ShouldBe(utc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2024-05-14 10:41")]
    [InlineData("2024-13-14T10:41:15Z")]
    [InlineData("2024-05-14T10:41:15")]
    [InlineData("2024-05-14T10:41:15+25:00")]
    public void Rejects_what_is_not_rfc3339(string? text)
    {
        Rfc3339Timestamp.TryParse(text, out _).ShouldBeFalse();
    }
}

public sealed class WorkloadNamesTests
{
    [Theory]
    [InlineData("payments-7d9f8b6c4-x2x9z", "Deployment", "payments")]
    [InlineData("billing-api-6c9f7d8b5-wq4rt", "Deployment", "billing-api")]
    [InlineData("web-0", "StatefulSet", "web")]
    [InlineData("kafka-broker-12", "StatefulSet", "kafka-broker")]
    [InlineData("nightly-report-28612345-k5xzq", "CronJob", "nightly-report")]
    [InlineData("db-migrate-h7k2p", "Job/DaemonSet", "db-migrate")]
    [InlineData("debug-shell", "Pod", "debug-shell")]
    [InlineData("api-v2-aeiou", "Pod", "api-v2-aeiou")]
    public void Strips_generated_suffixes(string pod, string kind, string name)
    {
        var workload = WorkloadNames.ForPod("shop", pod);
        workload.Kind.ShouldBe(kind);
        workload.Name.ShouldBe(name);
        workload.Namespace.ShouldBe("shop");
    }
}

public sealed class JsonEntryStreamTests
{
    private static List<string> Entries(string json, int bufferSize = 16)
    {
        var seen = new List<string>();
        var error = JsonEntryStream.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), (index, entry) => seen.Add($"{index}:{entry.GetRawText()}"), bufferSize);
        error.ShouldBeNull();
        return seen;
    }

    [Fact]
    public void Reads_a_top_level_array()
    {
        Entries("""[ {"a":1}, {"b":[1,2,{"c":"]"}]} ]""").ShouldBe(["0:{\"a\":1}", "1:{\"b\":[1,2,{\"c\":\"]\"}]}"]);
    }

    [Fact]
    public void Reads_the_items_of_an_event_list_and_skips_the_other_properties()
    {
        Entries("""{"apiVersion":"v1","kind":"EventList","metadata":{"resourceVersion":"1"},"items":[{"x":1},{"y":2}],"trailing":{"z":[3]}}""")
            .ShouldBe(["0:{\"x\":1}", "1:{\"y\":2}"]);
    }

    [Fact]
    public void Reads_a_single_object_and_newline_delimited_objects()
    {
        Entries("""{"timestamp":"2024-05-14T10:41:15Z","textPayload":"a"}""").ShouldHaveSingleItem();
        Entries("{\"a\":1}\n{\"b\":{\"items\":2}}\n{\"c\":3}\n").Count.ShouldBe(3);
    }

    [Fact]
    public void Small_buffers_give_the_same_entries_as_large_ones()
    {
        var fixture = File.ReadAllText(DiagnoseRun.Fixture("checkout-deployment.gcloud.json"));
        Entries(fixture, 16).ShouldBe(Entries(fixture, 1 << 20));
        Entries(fixture, 16).Count.ShouldBe(39);
    }

    [Fact]
    public void Streams_entries_before_the_end_of_a_large_export_is_read()
    {
        const int total = 20_000;
        using var stream = new GeneratedArrayStream(total);
        var seen = 0;
        long bytesReadAtFirstEntry = -1;
        var error = JsonEntryStream.Read(stream, (_, entry) =>
        {
            if (seen++ == 0)
            {
                bytesReadAtFirstEntry = stream.BytesRead;
            }

            entry.GetProperty("textPayload").GetString().ShouldStartWith("line ");
        });

        error.ShouldBeNull();
        seen.ShouldBe(total);
        bytesReadAtFirstEntry.ShouldBeLessThan(stream.Length / 10);
    }

    [Fact]
    public void Reports_the_entry_and_line_of_a_syntax_error()
    {
        var error = JsonEntryStream.Read(new MemoryStream("[\n{\"a\":1},\n{\"b\":2 \"c\":3}\n]"u8.ToArray()), (_, _) => { }, 16);
        error.ShouldNotBeNull();
        error.ShouldStartWith("entry [1]: invalid JSON at line 3");
    }

    [Fact]
    public void Reports_a_top_level_value_that_is_no_export()
    {
        JsonEntryStream.Read(new MemoryStream("\"just a string\""u8.ToArray()), (_, _) => { })
            .ShouldBe("expected a JSON array or object at the top level");
    }

    /// <summary>A forward-only stream of a JSON array of LogEntry-like objects, never held in memory.</summary>
    private sealed class GeneratedArrayStream(int entries) : Stream
    {
        private readonly byte[] _entry = Encoding.UTF8.GetBytes(
            """{"resource":{"type":"k8s_container","labels":{"pod_name":"p-0","container_name":"app"}},"timestamp":"2024-05-14T10:41:15.550123456Z","textPayload":"line of some length to make the export big enough"}""");

        private int _written = -1;
        private int _offset;
        private byte[] _current = "["u8.ToArray();

        public long BytesRead { get; private set; }

        public override long Length => 1 + (long)entries * (_entry.Length + 1) + 1;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var copied = 0;
            while (copied < count)
            {
                if (_offset == _current.Length)
                {
                    _written++;
                    if (_written > entries)
                    {
                        break;
                    }

                    _current = _written == entries ? "]"u8.ToArray() : _written == entries - 1 ? _entry : [.. _entry, (byte)','];
                    _offset = 0;
                }

                var n = Math.Min(count - copied, _current.Length - _offset);
                Array.Copy(_current, _offset, buffer, offset + copied, n);
                _offset += n;
                copied += n;
            }

            BytesRead += copied;
            return copied;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
