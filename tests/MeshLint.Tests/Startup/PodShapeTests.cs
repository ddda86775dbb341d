using MeshLint.Mesh;
using MeshLint.Registry;
using MeshLint.Startup;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Startup;

/// <summary>
/// The shape decision: whether the target's Istio builds istio-proxy as a native sidecar. Each row of
/// <see cref="Rows"/> names the source it follows; <see cref="Every_combination_follows_the_precedence_of_its_release"/>
/// holds the decision, over every combination, to the precedence as versions.md ("What this means for
/// a linter") states it.
/// </summary>
public sealed class PodShapeTests
{
    /// <summary>(Istio, Kubernetes, platform, the pod's annotation, ENABLE_NATIVE_SIDECARS, compatibilityVersion) → native, and why.</summary>
    public static TheoryData<string?, string?, string, string?, string?, string?, bool, string> Rows() => new()
    {
        // istio/istio@1.19.0 added ENABLE_NATIVE_SIDECARS (PR #45959): nothing before it.
        { "1.18", "1.30", "istio", null, "true", null, false, "istio/istio@1.18.0 has no ENABLE_NATIVE_SIDECARS" },
        // 1.19-1.23: only the variable, compared with "true" (istio/istio@1.20.0 injection-template.yaml:27).
        { "1.20", "1.30", "istio", null, "true", null, true, "istio/istio@1.20.0 injection-template.yaml:27" },
        { "1.20", "1.30", "istio", null, null, null, false, "istio/istio@1.20.0 pilot/pkg/features/pilot.go:654 (default false)" },
        { "1.23", "1.30", "istio", "true", null, null, false, "the annotation came in istio/api@1.24.0" },
        // 1.24-1.26: an annotation that is set decides; only "true" is on (istio/istio@1.24.0 injection-template.yaml:27).
        { "1.24", "1.30", "istio", "true", null, null, true, "istio/istio@1.24.0 injection-template.yaml:27" },
        { "1.25", "1.30", "istio", "false", "true", null, false, "istio/istio@1.24.0 injection-template.yaml:27 (isset wins)" },
        { "1.26", "1.30", "istio", "yes", "true", null, false, "istio/istio@1.24.0 injection-template.yaml:27 (only \"true\")" },
        { "1.26", "1.35", "istio", null, null, null, false, "istio/istio@1.26.0 pilot/pkg/features/experimental.go (default false)" },
        // 1.27 and later: "auto" by default, native when every node runs 1.33 or later (pilot.go:306-322, webhook.go DetectNativeSidecar).
        { "1.27", "1.33", "istio", null, null, null, true, "istio/istio@1.27.0 pkg/kube/inject/webhook.go:1235-1286 (minVersion 33)" },
        { "1.27", "1.32", "istio", null, null, null, false, "istio/istio@1.27.0 pkg/kube/inject/webhook.go:1235-1286 (minVersion 33)" },
        { "1.28", "1.34", "istio", null, null, "1.26", false, "istio/istio@1.28.0 manifests/helm-profiles/compatibility-version-1.26.yaml" },
        { "1.28", "1.34", "istio", null, "true", "1.26", true, "an explicit value beats the profile's default" },
        { "1.28", "1.30", "istio", "yes", null, null, true, "istio/istio@1.27.0 injection-template.yaml:29 (anything but \"false\")" },
        { "1.28", "1.34", "istio", "false", null, null, false, "istio/istio@1.27.0 injection-template.yaml:29" },
        { "1.28", "1.34", "istio", null, "false", null, false, "istio/istio@1.27.0 pilot/pkg/features/pilot.go:306-322" },
        { "1.30", "1.30", "istio", null, "true", null, true, "istio/istio@1.27.0 webhook.go: \"true\" skips the node check" },
        { "1.29", "1.34", "istio", null, "on", null, false, "istio/istio@1.27.0 pilot.go: an unknown value falls back to false" },
        // Platforms (versions.md §3).
        { "1.28", "1.34", "csm-managed", "true", null, null, false, "Cloud Service Mesh managed: no ENABLE_NATIVE_SIDECARS, annotation not supported" },
        { "1.29", "1.34", "aks", null, null, null, true, "azure-aks-docs@fb060ab istio-native-sidecar.md: asm-1-29+ on AKS 1.33+" },
        { "1.26", "1.34", "aks", null, null, null, false, "azure-aks-docs@fb060ab istio-native-sidecar.md: below asm-1-27" },
        { "1.28", "1.32", "aks", null, null, null, false, "azure-aks-docs@fb060ab istio-native-sidecar.md: below AKS 1.33" },
        { "1.28", "1.34", "openshift", null, null, null, true, "OpenShift Service Mesh runs the upstream charts (Sail)" },
        // Unknown parts of the target: what holds in every release decides, else legacy is assumed.
        { null, "1.34", "istio", "true", null, null, true, "\"true\" is on in every release that has the annotation" },
        { null, "1.32", "istio", null, null, null, false, "auto needs every node at 1.33; before 1.27 the default is false" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_row_follows_its_source(string? istio, string? kubernetes, string platform, string? annotation, string? global, string? compatibility, bool native, string source)
    {
        var shape = PodShape.Decide(annotation, Context(istio, kubernetes, platform, global, compatibility));

        shape.Native.ShouldBe(native, $"{source}: {shape.Why}");
    }

    [Fact]
    public void An_unknown_target_assumes_legacy_sidecars_and_says_which_part_is_missing()
    {
        PodShape.Decide(null, Context(null, null, "istio", null, null)).Assumption.ShouldBe("legacy sidecars, as on Istio < 1.27 or with a node below Kubernetes 1.33; set mesh.target");
        PodShape.Decide(null, Context("1.28", null, "istio", null, null)).Assumption.ShouldBe("legacy sidecars, as with a node below Kubernetes 1.33; set mesh.target.kubernetes");
        PodShape.Decide(null, Context(null, "1.34", "istio", null, null)).Assumption.ShouldBe("legacy sidecars, as on Istio < 1.27; set mesh.target.istio");

        // Decided by the target: nothing assumed.
        PodShape.Decide(null, Context("1.26", null, "istio", null, null)).Assumption.ShouldBeNull();
        PodShape.Decide(null, Context(null, "1.32", "istio", null, null)).Assumption.ShouldBeNull();
        PodShape.Decide("false", Context(null, null, "istio", null, null)).Assumption.ShouldBeNull();
        PodShape.Decide(null, Context(null, null, "csm-managed", null, null)).Assumption.ShouldBeNull();
    }

    [Theory]
    [InlineData("1.28", "1.28", "true", true)]
    [InlineData("1.28", "1.27", "true", true)]
    [InlineData("1.28", "1.29", "true", false)]
    [InlineData("1.28", "1.28", "false", false)]
    [InlineData("1.28", "1.28", null, false)] // auto sees the old node
    [InlineData("1.23", "1.28", "true", false)] // the annotation does nothing there
    public void Native_sidecars_on_Kubernetes_before_1_29_never_start(string istio, string kubernetes, string? annotation, bool neverStarts)
    {
        var shape = PodShape.Decide(annotation, Context(istio, kubernetes, "istio", null, null));

        (shape.NeverStarts is not null).ShouldBe(neverStarts, shape.Why);
        (shape.AnnotationProblem == NativeAnnotationProblem.NeverStarts).ShouldBe(neverStarts);
    }

    [Fact]
    public void Every_combination_follows_the_precedence_of_its_release()
    {
        string?[] annotations = [null, "true", "false", "yes", ""];
        string?[] globals = [null, "true", "false", "auto"];
        string?[] compatibilities = [null, "1.26"];
        string[] platforms = ["istio", "csm-managed", "aks", "openshift", "gke-autopilot"];
        var checkedCount = 0;
        for (var istio = 18; istio <= 31; istio++)
        {
            for (var kubernetes = 27; kubernetes <= 35; kubernetes++)
            {
                foreach (var platform in platforms)
                {
                    foreach (var global in globals)
                    {
                        foreach (var compatibility in compatibilities)
                        {
                            var context = Context($"1.{istio}", $"1.{kubernetes}", platform, global, compatibility);
                            foreach (var annotation in annotations)
                            {
                                var shape = PodShape.Decide(annotation, context);
                                var expected = Expected(istio, kubernetes, platform, annotation, global, compatibility);
                                shape.Native.ShouldBe(expected, $"Istio 1.{istio}, Kubernetes 1.{kubernetes}, {platform}, annotation {annotation ?? "(none)"}, ENABLE_NATIVE_SIDECARS {global ?? "(unset)"}, compatibilityVersion {compatibility ?? "(unset)"}: {shape.Why}");
                                (shape.NeverStarts is not null).ShouldBe(expected && kubernetes < 29);
                                shape.Assumption.ShouldBeNull();
                                checkedCount++;
                            }
                        }
                    }
                }
            }
        }

        checkedCount.ShouldBe(14 * 9 * 5 * 4 * 2 * 5);
    }

    /// <summary>
    /// versions.md, "What this means for a linter": Istio before 1.19 never; 1.19-1.23 only the global
    /// setting "true"; 1.24-1.26 the annotation if set ("true" on), else the global; 1.27 and later the
    /// annotation if not empty (anything but "false" on), else an explicit global, else a compatibility
    /// version of 1.26 or lower means off, else auto: every node on 1.33 or later. A managed Cloud
    /// Service Mesh keeps legacy sidecars; the AKS add-on's own default replaces auto.
    /// </summary>
    private static bool Expected(int istio, int kubernetes, string platform, string? annotation, string? global, string? compatibility)
    {
        if (platform == "csm-managed" || istio < 19)
        {
            return false;
        }

        if (istio <= 23)
        {
            return global == "true";
        }

        if (istio <= 26)
        {
            return annotation is not null ? annotation == "true" : global == "true";
        }

        if (!string.IsNullOrEmpty(annotation))
        {
            return annotation != "false";
        }

        if (global is "true" or "false")
        {
            return global == "true";
        }

        if (global is null && compatibility is not null)
        {
            return false;
        }

        return kubernetes >= 33;
    }

    /// <summary>A folder's context with the target declared and one control plane setting the variable and the compatibility version.</summary>
    private static MeshContext Context(string? istio, string? kubernetes, string platform, string? global, string? compatibility)
    {
        var settings = new Dictionary<MeshWideSetting, MeshSetting?>
        {
            [MeshWideSetting.NativeSidecars] = global is null ? null : new MeshSetting($"pilot.env.ENABLE_NATIVE_SIDECARS: \"{global}\"", "istio.yaml:9") { Value = global },
            [MeshWideSetting.CompatibilityVersion] = compatibility is null ? null : new MeshSetting($"compatibilityVersion: {compatibility}", "istio.yaml:5") { Value = compatibility },
        };
        var plane = new ControlPlane("IstioOperator/istio-system/control-plane", "default", "istio.yaml", "istio.yaml:1", settings);
        var target = new DeclaredTarget
        {
            Istio = MinorRelease.Parse(istio),
            IstioAt = "mesh.target.istio at .meshlint.yaml:3",
            Kubernetes = MinorRelease.Parse(kubernetes),
            KubernetesAt = "mesh.target.kubernetes at .meshlint.yaml:4",
            Platform = MeshPlatforms.Parse(platform),
            PlatformAt = $"mesh.target.platform: {platform} at .meshlint.yaml:5",
        };
        return new MeshSources([], [plane], new MeshAssumptions { Target = target }).For("app.yaml");
    }
}
