using MeshLint.Model;
using MeshLint.Parsing;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Model;

public sealed class MetadataSiteTests
{
    private static KubeObject Read(string text) =>
        ObjectReader.Objects("x.yaml", new YamlDocumentReader(text).Documents().Single()).Single();

    [Fact]
    public void A_cronjob_has_its_own_its_job_template_and_its_pod_template_metadata()
    {
        var cronJob = Read("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report}
            spec:
              jobTemplate:
                metadata: {labels: {a: b}}
                spec:
                  template:
                    metadata: {annotations: {c: d}}
                    spec: {containers: []}
            """);

        MetadataSite.Of(cronJob).Select(site => (site.Role, site.Path, site.LandsOnKind)).ShouldBe([
            (MetadataRole.Object, "metadata", "CronJob"),
            (MetadataRole.JobTemplate, "spec.jobTemplate.metadata", "Job"),
            (MetadataRole.PodTemplate, "spec.jobTemplate.spec.template.metadata", "Pod"),
        ]);
    }

    [Fact]
    public void A_pod_and_a_service_have_only_their_own_metadata()
    {
        MetadataSite.Of(Read("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n")).ShouldHaveSingleItem().LandsOnKind.ShouldBe("Pod");
        MetadataSite.Of(Read("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n")).ShouldHaveSingleItem().Role.ShouldBe(MetadataRole.Object);
        MetadataSite.Of(Read("apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {}}}\n")).ShouldBeEmpty();
    }
}
