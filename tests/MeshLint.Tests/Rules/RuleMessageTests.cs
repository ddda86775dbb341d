using MeshLint.Configuration;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Rules;

/// <summary>
/// Each rule message is a one-line summary (what is wrong, where) and details (why, the mesh facts and
/// their sources, how to fix); a plain string is a summary alone, as user rules may still write it.
/// </summary>
public sealed class RuleMessageTests
{
    /// <summary>The messages that are about no object: a file's bytes, a comment, an ignore of an unknown rule.</summary>
    private static readonly HashSet<string> WithoutObject = ["MESH000/default", "MESH008/comment", "MESH008/comment-all", "MESH008/unknown-rule"];

    public static TheoryData<string> BuiltInMessages()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.BuiltIn.Rules)
        {
            foreach (var key in rule.Messages.Keys)
            {
                data.Add($"{rule.Id}/{key}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BuiltInMessages))]
    public void Every_built_in_message_has_a_one_line_summary_and_details_that_do_not_repeat_it(string id)
    {
        var (rule, key) = (id.Split('/')[0], id.Split('/')[1]);
        var message = RuleCatalog.BuiltIn[rule].Messages[key];

        message.Summary.ShouldNotContain('\n');
        message.Summary.ShouldNotEndWith(".");
        message.Details.ShouldNotBeEmpty();
        if (!WithoutObject.Contains(id))
        {
            message.Summary.ShouldStartWith("{object}: ");
        }

        var claim = message.Summary.Replace("{object}: ", string.Empty, StringComparison.Ordinal);
        message.Details.ShouldNotContain(claim, Case.Insensitive, "the details go on from the summary, they do not say it again");
    }

    [Fact]
    public void A_message_is_a_plain_string_or_a_summary_and_details()
    {
        var rule = RuleDefinitionReader.Read("ACME001.yaml", """
            id: ACME001
            name: proxy-cpu-required
            level: warning
            summary: s
            reads: [pod-template]
            messages:
              plain: "{object}: set sidecar.istio.io/proxyCPU"
              parts:
                summary: '{object}: no sidecar.istio.io/proxyCPU'
                details: >-
                  The node pools are sized for it.
                  Add it to {templatePath}.metadata.annotations.
            """, string.Empty);

        rule.Messages["plain"].ShouldBe(new RuleMessage("{object}: set sidecar.istio.io/proxyCPU"));
        rule.Messages["parts"].ShouldBe(new RuleMessage("{object}: no sidecar.istio.io/proxyCPU", "The node pools are sized for it. Add it to {templatePath}.metadata.annotations."));
        rule.Format("parts", new Dictionary<string, string> { ["object"] = "Deployment/web", ["templatePath"] = "spec.template" })
            .ShouldBe(new RuleMessage("Deployment/web: no sidecar.istio.io/proxyCPU", "The node pools are sized for it. Add it to spec.template.metadata.annotations."));
    }

    [Fact]
    public void A_message_with_anything_but_a_summary_and_details_is_refused_at_its_line()
    {
        Should.Throw<InvalidDataException>(() => RuleDefinitionReader.Read("ACME001.yaml", """
            id: ACME001
            name: proxy-cpu-required
            level: warning
            summary: s
            reads: [pod-template]
            messages:
              default:
                summary: x
                detail: y
            """, string.Empty)).Message.ShouldBe("ACME001.yaml:9: message 'default' has 'detail'; a message has a summary and details");
    }

    private const string UserRule = """
        id: ACME001
        name: proxy-cpu-required
        level: warning
        summary: Every injected pod sets sidecar.istio.io/proxyCPU.
        check:
          target: pod-template-metadata
          require:
            required: [annotations]
        messages:
          default:
            summary: "{object}: no sidecar.istio.io/proxyCPU"
            details: Our node pools are sized for it.

        """;

    [Fact]
    public void A_user_rule_may_write_a_summary_and_details()
    {
        var (rule, errors) = UserRuleReader.Read(".meshlint/rules/ACME001.yaml", UserRule, string.Empty);

        errors.ShouldBeEmpty();
        rule.ShouldNotBeNull().Messages["default"].ShouldBe(new RuleMessage("{object}: no sidecar.istio.io/proxyCPU", "Our node pools are sized for it."));
    }

    [Fact]
    public void A_user_rule_message_without_a_summary_is_an_error_at_its_line()
    {
        var (rule, errors) = UserRuleReader.Read(".meshlint/rules/ACME001.yaml", UserRule.Replace("summary: \"{object}: no sidecar.istio.io/proxyCPU\"", "summry: \"{object}: no sidecar.istio.io/proxyCPU\"", StringComparison.Ordinal), string.Empty);

        // Said of the mapping as written, not of the string the message might have been instead.
        rule.ShouldBeNull();
        errors.Select(error => error.ToString()).ShouldBe([
            ".meshlint/rules/ACME001.yaml:10:3: \"messages.default\" needs \"summary\"",
            ".meshlint/rules/ACME001.yaml:11:5: unknown setting \"summry\"; did you mean \"summary\"?",
        ]);
    }
}
