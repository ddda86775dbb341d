using MeshLint.Registry;
using MeshLint.Registry.Values;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Registry;

public sealed class ValueTypeTests
{
    private static ValueProblem? Check(string type, string value, Dictionary<string, object>? parameters = null, Func<string, string?>? sibling = null) =>
        ValueTypes.Find(type).ShouldNotBeNull().Check(value, new MeshLint.Registry.ValueType(type, parameters ?? []), sibling is null ? ValueContext.None : new ValueContext(sibling));

    [Theory]
    [InlineData("go-bool", "True", true)]
    [InlineData("go-bool", "0", true)]
    [InlineData("go-bool", "yes", false)]
    [InlineData("go-bool", "", false)]
    [InlineData("uint32", "4294967295", true)]
    [InlineData("uint32", "007", true)]
    [InlineData("uint32", "4294967296", false)]
    [InlineData("uint32", "+1", false)]
    [InlineData("uint32", " 1", false)]
    [InlineData("uint32", "1_000", false)]
    [InlineData("uint32", "", false)]
    [InlineData("float", "0.9", true)]
    [InlineData("float", "-1e-3", true)]
    [InlineData("float", "Inf", true)]
    [InlineData("float", "0x1p-2", true)]
    [InlineData("float", "90%", false)]
    [InlineData("float", "", false)]
    [InlineData("port", "0", true)]
    [InlineData("port", "65535", true)]
    [InlineData("port", "65536", false)]
    [InlineData("port", "http", false)]
    [InlineData("port", "", false)]
    [InlineData("interface-list", "", true)]
    [InlineData("interface-list", "eth1, net-1.v_2", true)]
    [InlineData("interface-list", "eth1,", false)]
    [InlineData("interface-list", "1eth", false)]
    [InlineData("interface-list", "abcdefghijklmnop", false)]
    [InlineData("namespace-list", "*", true)]
    [InlineData("namespace-list", "., istio-system", true)]
    [InlineData("namespace-list", "Istio_System", false)]
    [InlineData("string", "", true)]
    public void A_value_passes_or_fails_its_type(string type, string value, bool passes) =>
        (Check(type, value) is null).ShouldBe(passes);

    [Theory]
    [InlineData("100m")]
    [InlineData("0.5")]
    [InlineData("128Mi")]
    [InlineData("1Ei")]
    [InlineData("+1.5G")]
    [InlineData("-2")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1e3")]
    [InlineData("1E-3")]
    [InlineData("1E")]
    [InlineData("12n")]
    [InlineData("3u")]
    [InlineData("0")]
    public void Kubernetes_reads_these_quantities(string value) => Check("quantity", value).ShouldBeNull();

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("128MB", "\"B\" cannot stand there")]
    [InlineData("1 Gi", "it contains a space")]
    [InlineData(" 1", "it contains a space")]
    [InlineData("1e", "is not a unit")]
    [InlineData("1Ki2", "is not a unit")]
    [InlineData("1KB", "\"B\" cannot stand there")]
    [InlineData("1K", "is not a unit")]
    [InlineData("1ee3", "is not a unit")]
    [InlineData("1\n", "control character")]
    public void Kubernetes_refuses_these_quantities(string value, string reason) =>
        Check("quantity", value).ShouldNotBeNull().Reason.ShouldContain(reason);

    [Fact]
    public void A_port_with_surrounding_spaces_passes_the_injector_but_is_still_a_problem()
    {
        var problem = Check("port", " 15020 ").ShouldNotBeNull();
        problem.PassesInjector.ShouldBeTrue();
        Check("port", " x ").ShouldNotBeNull().PassesInjector.ShouldBeFalse();
    }

    [Theory]
    [InlineData("", false, true)]
    [InlineData("  ", false, true)]
    [InlineData(" 80, 443 ", false, true)]
    [InlineData("*", true, true)]
    [InlineData("*", false, false)]
    [InlineData("80,*", true, false)]
    [InlineData("8000-8100", false, false)]
    [InlineData("80,,443", false, false)]
    [InlineData("-80", false, false)]
    [InlineData("80,", false, false)]
    public void Port_lists_follow_istio_parse_ports(string value, bool allowWildcard, bool passes) =>
        (Check("port-list", value, new() { ["allowWildcard"] = allowWildcard }) is null).ShouldBe(passes);

    [Fact]
    public void An_enum_compares_case_only_when_asked()
    {
        var words = new List<string> { "REDIRECT", "TPROXY" };
        Check("enum", "TPROXY", new() { ["values"] = words }).ShouldBeNull();
        Check("enum", "tproxy", new() { ["values"] = words }).ShouldNotBeNull();
        Check("enum", "tproxy", new() { ["values"] = words, ["caseSensitive"] = false }).ShouldBeNull();
        Check("enum", "TPROXY ", new() { ["values"] = words }).ShouldNotBeNull().Reason.ShouldContain("spaces");
    }

    [Theory]
    [InlineData("42", true)]
    [InlineData("-1", false)]
    [InlineData("101", false)]
    [InlineData("+7", true)]
    [InlineData("7.5", false)]
    [InlineData("-", false)]
    [InlineData("", false)]
    public void An_integer_is_go_parse_int_within_bounds(string value, bool passes) =>
        (Check("integer", value, new() { ["min"] = 0L, ["max"] = 100L }) is null).ShouldBe(passes);

    [Theory]
    [InlineData("300ms", true)]
    [InlineData("1h5m0.5s", true)]
    [InlineData("0", true)]
    [InlineData("1.5us", true)]
    [InlineData("2\u00b5s", true)]
    [InlineData("10", false)]
    [InlineData("5 s", false)]
    [InlineData("1d", false)]
    [InlineData("", false)]
    [InlineData(".s", false)]
    public void A_duration_is_go_parse_duration(string value, bool passes) =>
        (Check("go-duration", value) is null).ShouldBe(passes);

    [Fact]
    public void Bare_seconds_pass_only_when_allowed()
    {
        Check("go-duration", "30").ShouldNotBeNull();
        Check("go-duration", "30", new() { ["allowBareSeconds"] = true }).ShouldBeNull();
    }

    [Fact]
    public void A_multiple_is_checked_against_the_sibling_or_its_default()
    {
        var parameters = new Dictionary<string, object> { ["multipleOf"] = "flush", ["multipleOfDefault"] = "5s" };
        Check("go-duration", "15s", parameters).ShouldBeNull();
        Check("go-duration", "12s", parameters).ShouldNotBeNull().Reason.ShouldContain("defaults to 5s");
        Check("go-duration", "12s", parameters, key => key == "flush" ? "3s" : null).ShouldBeNull();
        Check("go-duration", "15s", parameters, key => key == "flush" ? "10s" : null).ShouldNotBeNull().Reason.ShouldContain("flush (10s)");

        // An unreadable flush interval is ignored by pilot-agent, so the default applies.
        Check("go-duration", "12s", parameters, key => key == "flush" ? "3" : null).ShouldNotBeNull().Reason.ShouldContain("defaults to 5s");
    }

    [Theory]
    [InlineData("forbidden", "info", true)]
    [InlineData("forbidden", "misc:info", false)]
    [InlineData("forbidden", "info,debug", false)]
    [InlineData("allowed", "warning,misc:error", true)]
    [InlineData("allowed", "", true)]
    [InlineData("allowed", "info,", false)]
    [InlineData("allowed", "a:b:info", false)]
    [InlineData("allowed", "misc:loud", false)]
    [InlineData("required", "misc:error,upstream:debug", true)]
    [InlineData("required", "error", false)]
    public void Log_levels_follow_the_component_rule(string component, string value, bool passes) =>
        (Check("log-level", value, new() { ["levels"] = new List<string> { "debug", "info", "warning", "error" }, ["component"] = component }) is null).ShouldBe(passes);

    [Fact]
    public void Log_levels_compare_case_only_when_asked()
    {
        var parameters = new Dictionary<string, object> { ["levels"] = new List<string> { "info" }, ["component"] = "forbidden" };
        Check("log-level", "INFO", parameters).ShouldNotBeNull();
        parameters["caseSensitive"] = false;
        Check("log-level", "INFO", parameters).ShouldBeNull();
    }

    [Fact]
    public void A_string_list_checks_items_only_against_given_values()
    {
        Check("string-list", "anything, at all").ShouldBeNull();
        var parameters = new Dictionary<string, object> { ["values"] = new List<string> { "auto-auth", "caching" } };
        Check("string-list", "auto-auth, caching", parameters).ShouldBeNull();
        Check("string-list", "auto-auth,cache", parameters).ShouldNotBeNull().Reason.ShouldContain("\"cache\"");
    }

    [Fact]
    public void Every_type_the_data_names_is_checked_here_or_by_another_rule()
    {
        var names = KeyRegistry.BuiltIn.Entries.Select(entry => entry.Value.Name).Distinct().ToList();
        names.Where(name => ValueTypes.Find(name) is null && !ValueTypes.JudgedElsewhere.Contains(name)).ShouldBeEmpty();
        ValueTypes.Names.Except(names).ShouldBeEmpty();
    }

    [Fact]
    public void Run_time_consequences_are_written_for_typed_keys_only()
    {
        // What happens to an accepted but misread value is data; keys without it get a generic sentence.
        KeyRegistry.BuiltIn.Find("sidecar.istio.io/inject", KeyKind.Label).ShouldNotBeNull().WhenInvalid.ShouldNotBeNull();
        KeyRegistry.BuiltIn.Find("status.sidecar.istio.io/port", KeyKind.Annotation).ShouldNotBeNull().WhenInvalid.ShouldNotBeNull();
        KeyRegistry.BuiltIn.Entries.Where(entry => entry.WhenInvalid is not null && entry.Value.Name == "string").ShouldBeEmpty();
    }
}
