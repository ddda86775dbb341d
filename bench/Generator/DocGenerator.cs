using System.Text;

namespace MeshLint.Bench.Generator;

/// <summary>
/// Writes realistic Kubernetes / Istio documents. Each call to <see cref="NextBundle"/> returns what
/// one "app" in a repository would hold (a workload, usually a Service, often a ConfigMap), or now and
/// then a Namespace or an IstioOperator. Workloads carry the sidecar start-up mistakes MeshLint looks
/// for, in roughly the share seen in real repositories: most are clean.
/// </summary>
internal sealed class DocGenerator
{
    // Workload cases and their weights (percent of workloads). Keys are written to *.expected.tsv.
    // The clean cases make up 80%; the mistakes share the rest, a missing hold the largest part.
    private static readonly (string Case, double Weight)[] Cases =
    [
        ("clean", 73.0),                          // proxy.istio.io/config with hold=true on the pod template
        ("clean-vault-excluded", 4.0),            // vault agent + excludeOutboundIPRanges 10.0.0.0/8 + hold
        ("clean-no-sidecar", 3.0),                // sidecar.istio.io/inject: "false" label: nothing to hold
        ("missing-hold", 5.0),                    // no proxy config, or one without the hold setting
        ("hold-false", 1.0),                      // holdApplicationUntilProxyStarts: false
        ("vault-no-exclude", 2.0),                // vault agent without excludeOutboundIPRanges
        ("malformed-proxy-config", 1.0),          // proxy.istio.io/config is not valid JSON/YAML
        ("annotations-on-workload-metadata", 1.0),// pod annotations on the Deployment's own metadata
        ("unquoted-true-label", 1.0),             // sidecar.istio.io/inject: true (a bool, not a string)
        ("bad-cidr-list", 1.0),                   // "10.0.0.0/8, 192.168.0.0/16" (space after comma)
        ("init-container-network-blocked", 0.75), // own revision with Istio CNI, and an init container
        ("pod-security-blocks-istio-init", 0.75), // namespace enforces Pod Security baseline/restricted
        ("job-sidecar-never-exits", 1.25),        // Job/CronJob with a plain istio-proxy or vault-agent sidecar
        ("proxy-stops-before-app", 1.5),          // drain not shorter than the grace period, or a long preStop sleep
        ("port-reserved-by-proxy", 1.0),          // an app port istio-proxy listens on (15000, 15020, 15090)
        ("mesh-key-unknown", 1.0),                // misspelt Istio annotation (proxyCpu, excludeOutboundPort)
        ("mesh-key-deprecated", 1.0),             // the sidecar.istio.io/inject annotation, statsInclusionPrefixes
        ("mesh-value-invalid", 1.0),              // "128MB", a port range, "tproxy"
    ];

    private static readonly (string Kind, double Weight)[] WorkloadKinds =
    [
        ("Deployment", 50), ("StatefulSet", 9), ("DaemonSet", 5), ("Job", 6), ("CronJob", 7),
        ("Rollout", 8), ("Pod", 5), ("ReplicaSet", 5), ("ReplicationController", 5),
    ];

    private static readonly string[] Words1 =
    [
        "cart", "checkout", "payment", "catalog", "search", "user", "auth", "billing", "invoice", "shipping",
        "inventory", "order", "review", "recommend", "email", "notify", "ledger", "account", "balance", "ads",
        "currency", "frontend", "profile", "session", "media", "upload", "report", "audit", "metrics", "export",
    ];

    private static readonly string[] Words2 =
    [
        "api", "service", "worker", "server", "gateway", "backend", "consumer", "processor", "sync", "cron",
        "db", "cache", "web", "grpc", "indexer", "scheduler",
    ];

    private static readonly string[] Registries =
    [
        "gcr.io/google-samples/microservices-demo", "us-docker.pkg.dev/acme-prod/apps", "ghcr.io/acme",
        "registry.example.com/platform", "europe-west1-docker.pkg.dev/acme-shared/images", "docker.io/acme",
    ];

    private static readonly string[] SidecarImages =
    [
        "nginx:1.25.3-alpine", "redis:7.2.4-alpine", "envoyproxy/envoy:v1.29.1", "busybox:1.36.1",
        "otel/opentelemetry-collector-contrib:0.96.0", "fluent/fluent-bit:2.2.2", "memcached:1.6.23-alpine",
    ];

    private static readonly string[] EnvNames =
    [
        "LOG_LEVEL", "PORT", "GRPC_PORT", "ENVIRONMENT", "REGION", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME",
        "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "REDIS_ADDR", "CACHE_TTL_SECONDS", "FEATURE_FLAGS",
        "JAVA_TOOL_OPTIONS", "GOMAXPROCS", "NODE_ENV", "SPRING_PROFILES_ACTIVE", "MAX_CONNECTIONS", "TIMEOUT_MS",
        "ENABLE_PROFILER", "PUBSUB_TOPIC", "KAFKA_BROKERS", "SENTRY_DSN", "HTTP_PROXY_ENABLED", "RETRY_LIMIT",
    ];

    private static readonly string[] IstioRevisions = ["asm-managed", "asm-managed-rapid", "asm-1-20", "1-21-2", "canary"];

    private readonly Rng _rng;
    private readonly double[] _caseWeights;
    private readonly double _caseTotal;
    private readonly double[] _kindWeights;
    private readonly double _kindTotal;
    private readonly string[] _namespaces;
    // What each namespace's Namespace document (if the repository has one) says about injection.
    private readonly NsState[] _nsState;
    private readonly StringBuilder _sb = new(16 * 1024);
    private long _bundle;
    private int _iops;
    private bool _seqIndent;
    private bool _nsDisabled;
    private bool _noSidecarByLabel;
    // Per workload, decided before its pod annotations are written since both depend on them.
    private bool _job;
    private bool _injectAnnotation;
    private int? _grace;
    private int? _preStopSeconds;
    private bool _quitCall;
    private bool _nativeSidecar;
    private int? _reservedPort;
    private bool _forceInit;
    private int _variant;

    private enum NsState { Unseen, NoDocument, Enabled, Revision, Disabled }

    public DocGenerator(Rng rng, long totalDocs)
    {
        _rng = rng;
        _caseWeights = Cases.Select(c => c.Weight).ToArray();
        _caseTotal = _caseWeights.Sum();
        _kindWeights = WorkloadKinds.Select(c => c.Weight).ToArray();
        _kindTotal = _kindWeights.Sum();
        // About one namespace per 200 documents, as in a large multi-team repository.
        _namespaces = new string[(int)Math.Clamp(totalDocs / 200, 6, 100_000)];
        string[] envs = ["prod", "staging", "dev", "qa"];
        for (var i = 0; i < _namespaces.Length; i++)
        {
            var w = i % Words1.Length;
            var e = i / Words1.Length;
            _namespaces[i] = e < envs.Length ? $"{Words1[w]}-{envs[e]}" : $"{Words1[w]}-{envs[e % envs.Length]}-{e / envs.Length}";
        }
        _nsState = new NsState[_namespaces.Length];
    }

    /// <summary>Returns at most <paramref name="remaining"/> documents.</summary>
    public List<Doc> NextBundle(long remaining, long producedSoFar)
    {
        var list = new List<Doc>(4);
        var b = _bundle++;
        // A few IstioOperators (about 1 in 4000 documents, at least one early on so small sets have
        // one too). None of them turns holdApplicationUntilProxyStarts on for the whole mesh: a repository
        // that did would not annotate its pods, and MESH001 would have nothing to find anywhere.
        if (b == 1 || (b > 2 && _rng.Chance(0.001)))
        {
            list.Add(IstioOperator(null, cni: false));
            return list;
        }

        var app = $"{_rng.Pick(Words1)}-{_rng.Pick(Words2)}-{b:x}";
        var kind = WorkloadKinds[_rng.Weighted(_kindWeights, _kindTotal)].Kind;
        var @case = Cases[_rng.Weighted(_caseWeights, _caseTotal)].Case;
        if (@case == "annotations-on-workload-metadata" && kind == "Pod")
        {
            // A Pod's own metadata is where pod annotations belong; there is no such mistake for it.
            @case = "missing-hold";
        }
        if (@case == "job-sidecar-never-exits" && kind is not ("Job" or "CronJob"))
        {
            kind = _rng.Chance(0.5) ? "Job" : "CronJob";
        }
        // These two come with a namespace of their own (and, for Istio CNI, a control plane of its
        // own revision), so the mistake stays with the one workload instead of spreading to every
        // workload of a shared namespace.
        var own = @case switch
        {
            "init-container-network-blocked" => 3,
            "pod-security-blocks-istio-init" => 2,
            _ => 0,
        };
        if (own > remaining)
        {
            @case = "clean";
            own = 0;
        }

        string ns;
        var nsDisabled = false;
        if (own > 0)
        {
            ns = $"{_rng.Pick(Words1)}-{(own == 3 ? "cni" : "pci")}-{b:x}";
            if (own == 3)
            {
                var revision = $"1-{_rng.Range(22, 24)}-cni-{b:x}";
                list.Add(IstioOperator(revision, cni: true));
                list.Add(SpecialNamespace(ns, revision, null));
            }
            else
            {
                list.Add(SpecialNamespace(ns, null, _rng.Chance(0.6) ? "baseline" : "restricted"));
            }
        }
        else
        {
            var nsIndex = b == 0 ? 0 : _rng.Next(_namespaces.Length);
            ns = _namespaces[nsIndex];
            if (_nsState[nsIndex] == NsState.Unseen)
            {
                // The first app in a namespace brings the Namespace document in about a third of the
                // cases (always for the very first app); the other namespaces are defined elsewhere.
                if (b == 0 || _rng.Chance(0.35))
                {
                    list.Add(Namespace(nsIndex));
                    if (list.Count >= remaining)
                    {
                        return list;
                    }
                }
                else
                {
                    _nsState[nsIndex] = NsState.NoDocument;
                }
            }
            nsDisabled = _nsState[nsIndex] == NsState.Disabled;
        }
        var port = _rng.Pick(new[] { 8080, 8080, 8080, 9090, 3000, 5000, 50051, 8443, 7070 });
        var hasConfigMap = _rng.Chance(0.5);
        list.Add(Workload(kind, app, ns, nsDisabled, @case, port, hasConfigMap));
        if (remaining > list.Count && kind is not ("Job" or "CronJob") && _rng.Chance(kind == "Pod" ? 0.3 : 0.75))
        {
            list.Add(Service(app, ns, port));
        }
        if (remaining > list.Count && hasConfigMap)
        {
            list.Add(ConfigMap(app, ns));
        }
        _ = producedSoFar;
        return list;
    }

    // ---------------------------------------------------------------- writing helpers

    private void L(int indent, string text) => _sb.Append(' ', indent).Append(text).Append('\n');

    /// <summary>Indent of "- " items under a key at <paramref name="keyIndent"/>: kubectl style (same
    /// column) or indented by two, chosen per document like different authors do.</summary>
    private int Seq(int keyIndent) => _seqIndent ? keyIndent + 2 : keyIndent;

    private void Begin()
    {
        _sb.Clear();
        _seqIndent = _rng.Chance(0.4);
        if (_rng.Chance(0.15))
        {
            L(0, _rng.Pick(new[]
            {
                "# Managed by the platform team. Changes here are reviewed by #mesh-owners.",
                "# Source: generated from the service template, edit the values file instead.",
                "# yaml-language-server: $schema=https://example.invalid/schemas/all.json",
                "# DO NOT EDIT: rendered by CI",
            }));
        }
    }

    // Environment values must be strings: numbers and booleans are always quoted, other values only
    // sometimes, as people write them.
    private string Quote(string s) =>
        _rng.Chance(0.5) || s.Length == 0 || char.IsAsciiDigit(s[0]) || s is "true" or "false" ? $"\"{s}\"" : s;

    // ---------------------------------------------------------------- Namespace

    private Doc Namespace(int index)
    {
        Begin();
        var name = _namespaces[index];
        string @case;
        L(0, "apiVersion: v1");
        L(0, "kind: Namespace");
        L(0, "metadata:");
        L(2, $"name: {name}");
        L(2, "labels:");
        L(4, $"kubernetes.io/metadata.name: {name}");
        var r = _rng.Next(10);
        if (r < 5)
        {
            L(4, "istio-injection: enabled");
            @case = "ns-injection-enabled";
            _nsState[index] = NsState.Enabled;
        }
        else if (r < 8)
        {
            var rev = _rng.Pick(IstioRevisions);
            L(4, $"istio.io/rev: {rev}");
            @case = "ns-istio-rev";
            _nsState[index] = NsState.Revision;
        }
        else
        {
            L(4, "istio-injection: disabled");
            @case = "ns-injection-disabled";
            _nsState[index] = NsState.Disabled;
        }
        L(4, $"team: {name.Split('-')[0]}");
        if (_rng.Chance(0.3))
        {
            // Pod Security in warn and audit mode only: the API server admits istio-init and warns.
            var level = _rng.Pick(new[] { "baseline", "restricted" });
            L(4, $"pod-security.kubernetes.io/warn: {level}");
            L(4, $"pod-security.kubernetes.io/audit: {level}");
        }
        if (_rng.Chance(0.5))
        {
            L(2, "annotations:");
            L(4, $"scheduler.alpha.kubernetes.io/node-selector: pool={_rng.Pick(new[] { "general", "highmem", "spot" })}");
        }
        return new Doc("Namespace", "", name, @case, "-", _sb.ToString());
    }

    /// <summary>A namespace made for one planted workload: injected through its own Istio CNI revision,
    /// or by istio-injection while enforcing a Pod Security level that forbids istio-init.</summary>
    private Doc SpecialNamespace(string name, string? revision, string? enforce)
    {
        Begin();
        L(0, "apiVersion: v1");
        L(0, "kind: Namespace");
        L(0, "metadata:");
        L(2, $"name: {name}");
        L(2, "labels:");
        L(4, $"kubernetes.io/metadata.name: {name}");
        L(4, revision is null ? "istio-injection: enabled" : $"istio.io/rev: {revision}");
        if (enforce is not null)
        {
            L(4, $"pod-security.kubernetes.io/enforce: {enforce}");
            L(4, "pod-security.kubernetes.io/enforce-version: latest");
        }
        L(4, $"team: {name.Split('-')[0]}");
        return new Doc("Namespace", "", name, revision is null ? "ns-pod-security-enforced" : "ns-istio-rev-cni", "-", _sb.ToString());
    }

    // ---------------------------------------------------------------- IstioOperator

    /// <summary>A control plane; with <paramref name="revision"/> one of its own (the planted Istio CNI
    /// canary), else now and then one of the shared revisions.</summary>
    private Doc IstioOperator(string? revision, bool cni)
    {
        Begin();
        var n = _iops++;
        var name = n == 0 ? "control-plane" : $"control-plane-{n}";
        // Most leave the hold setting unset (Istio's default: off); some turn it off explicitly.
        var explicitOff = _rng.Chance(0.25);
        var @case = cni ? "iop-cni" : explicitOff ? "iop-hold-false" : "iop-hold-unset";
        L(0, "apiVersion: install.istio.io/v1alpha1");
        L(0, "kind: IstioOperator");
        L(0, "metadata:");
        L(2, $"name: {name}");
        L(2, "namespace: istio-system");
        L(0, "spec:");
        L(2, $"profile: {_rng.Pick(new[] { "default", "minimal", "demo", "asm-gcp" })}");
        if (revision is not null)
        {
            L(2, $"revision: {revision}");
        }
        else if (_rng.Chance(0.5))
        {
            L(2, $"revision: {_rng.Pick(IstioRevisions)}");
        }
        L(2, $"hub: {_rng.Pick(new[] { "gcr.io/istio-release", "docker.io/istio", "gcr.io/gke-release/asm" })}");
        L(2, $"tag: 1.{_rng.Range(18, 23)}.{_rng.Range(0, 5)}");
        L(2, "meshConfig:");
        L(4, "accessLogFile: /dev/stdout");
        L(4, "accessLogEncoding: JSON");
        L(4, "enableTracing: true");
        L(4, "outboundTrafficPolicy:");
        L(6, $"mode: {_rng.Pick(new[] { "ALLOW_ANY", "REGISTRY_ONLY" })}");
        L(4, "defaultConfig:");
        if (explicitOff)
        {
            L(6, "holdApplicationUntilProxyStarts: false");
        }
        if (_rng.Chance(0.5))
        {
            // Istio's default, written out. A longer mesh-wide drain would not be shorter than the
            // 10s grace period some pods set, and MESH012 would rightly report them.
            L(6, "terminationDrainDuration: 5s");
        }
        L(6, "tracing:");
        L(8, $"sampling: {_rng.Range(1, 100)}.0");
        L(6, "proxyMetadata:");
        L(8, "ISTIO_META_DNS_CAPTURE: \"true\"");
        L(8, "ISTIO_META_DNS_AUTO_ALLOCATE: \"true\"");
        L(2, "components:");
        if (cni)
        {
            L(4, "cni:");
            L(6, "enabled: true");
            L(6, "namespace: kube-system");
        }
        L(4, "pilot:");
        L(6, "enabled: true");
        L(6, "k8s:");
        L(8, "replicaCount: 2");
        L(8, "resources:");
        L(10, "requests:");
        L(12, "cpu: 500m");
        L(12, "memory: 2048Mi");
        L(8, "hpaSpec:");
        L(10, "minReplicas: 2");
        L(10, "maxReplicas: 5");
        L(4, "ingressGateways:");
        var gi = Seq(4);
        L(gi, "- name: istio-ingressgateway");
        L(gi + 2, "enabled: true");
        L(gi + 2, "k8s:");
        L(gi + 4, "service:");
        L(gi + 6, "type: LoadBalancer");
        L(gi + 6, "ports:");
        var pi = Seq(gi + 6);
        foreach (var (pn, p, t) in new[] { ("http2", 80, 8080), ("https", 443, 8443), ("status-port", 15021, 15021) })
        {
            L(pi, $"- name: {pn}");
            L(pi + 2, $"port: {p}");
            L(pi + 2, $"targetPort: {t}");
        }
        L(4, "egressGateways:");
        L(gi, "- name: istio-egressgateway");
        L(gi + 2, $"enabled: {(_rng.Chance(0.5) ? "true" : "false")}");
        L(2, "values:");
        L(4, "global:");
        L(6, "proxy:");
        if (explicitOff && _rng.Chance(0.5))
        {
            L(8, "holdApplicationUntilProxyStarts: false");
        }
        L(8, "resources:");
        L(10, "requests:");
        L(12, "cpu: 100m");
        L(12, "memory: 128Mi");
        L(10, "limits:");
        L(12, "cpu: 2000m");
        L(12, "memory: 1024Mi");
        L(8, "logLevel: warning");
        L(6, "logging:");
        L(8, "level: default:info");
        L(6, $"meshID: mesh-{_rng.Range(1, 4)}");
        L(6, "multiCluster:");
        L(8, $"clusterName: cluster-{_rng.Pick(new[] { "us-east1", "europe-west1", "asia-south1" })}");
        L(6, "network: network1");
        L(4, "pilot:");
        L(6, "autoscaleEnabled: true");
        L(6, "env:");
        L(8, "PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION: true");
        L(4, "sidecarInjectorWebhook:");
        L(6, "rewriteAppHTTPProbe: true");
        return new Doc("IstioOperator", "istio-system", name, @case, "-", _sb.ToString());
    }

    // ---------------------------------------------------------------- Service and ConfigMap

    private Doc Service(string app, string ns, int port)
    {
        Begin();
        L(0, "apiVersion: v1");
        L(0, "kind: Service");
        L(0, "metadata:");
        L(2, $"name: {app}");
        L(2, $"namespace: {ns}");
        L(2, "labels:");
        L(4, $"app: {app}");
        L(4, $"app.kubernetes.io/part-of: {ns.Split('-')[0]}");
        if (_rng.Chance(0.3))
        {
            L(2, "annotations:");
            L(4, "cloud.google.com/neg: '{\"ingress\": true}'");
        }
        L(0, "spec:");
        L(2, $"type: {(_rng.Chance(0.9) ? "ClusterIP" : "LoadBalancer")}");
        L(2, "selector:");
        L(4, $"app: {app}");
        L(2, "ports:");
        var i = Seq(2);
        L(i, $"- name: {(port == 50051 ? "grpc" : port == 8443 ? "https" : "http")}");
        L(i + 2, $"port: {(port == 8443 ? 443 : 80)}");
        L(i + 2, $"targetPort: {port}");
        L(i + 2, "protocol: TCP");
        if (_rng.Chance(0.3))
        {
            L(i, "- name: http-metrics");
            L(i + 2, "port: 9102");
            L(i + 2, "targetPort: 9102");
        }
        return new Doc("Service", ns, app, null, "-", _sb.ToString());
    }

    private Doc ConfigMap(string app, string ns)
    {
        Begin();
        L(0, "apiVersion: v1");
        L(0, "kind: ConfigMap");
        L(0, "metadata:");
        L(2, $"name: {app}-config");
        L(2, $"namespace: {ns}");
        L(2, "labels:");
        L(4, $"app: {app}");
        L(0, "data:");
        L(2, $"LOG_LEVEL: {_rng.Pick(new[] { "info", "debug", "warn" })}");
        L(2, $"MAX_CONNECTIONS: \"{_rng.Range(10, 500)}\"");
        switch (_rng.Next(3))
        {
            case 0:
                L(2, "application.properties: |");
                for (int k = 0, n = _rng.Range(5, 60); k < n; k++)
                {
                    L(4, $"{_rng.Pick(Words1)}.{_rng.Pick(Words2)}.setting{k}={_rng.Hex(_rng.Range(4, 24))}");
                }
                break;
            case 1:
                L(2, "config.json: |");
                L(4, "{");
                for (int k = 0, n = _rng.Range(4, 50); k < n; k++)
                {
                    L(6, $"\"{_rng.Pick(Words1)}_{k}\": {{ \"enabled\": {(_rng.Chance(0.5) ? "true" : "false")}, \"limit\": {_rng.Range(1, 10000)}, \"id\": \"{_rng.Hex(12)}\" }}{(k + 1 < n ? "," : "")}");
                }
                L(4, "}");
                break;
            default:
                L(2, "nginx.conf: |");
                L(4, "worker_processes auto;");
                L(4, "events { worker_connections 1024; }");
                L(4, "http {");
                for (int k = 0, n = _rng.Range(2, 20); k < n; k++)
                {
                    L(6, $"upstream {_rng.Pick(Words1)}_{k} {{ server {_rng.Pick(Words1)}-{_rng.Pick(Words2)}.{ns}.svc.cluster.local:{_rng.Range(1, 9) * 1000}; keepalive 16; }}");
                    L(6, $"location /{_rng.Pick(Words1)}/{k}/ {{ proxy_pass http://{_rng.Pick(Words1)}_{k}; proxy_read_timeout {_rng.Range(5, 120)}s; }}");
                }
                L(4, "}");
                break;
        }
        return new Doc("ConfigMap", ns, app + "-config", null, "-", _sb.ToString());
    }

    // ---------------------------------------------------------------- workloads

    private Doc Workload(string kind, string app, string ns, bool nsDisabled, string @case, int port, bool hasConfigMap)
    {
        Begin();
        _nsDisabled = nsDisabled;
        _noSidecarByLabel = @case == "clean-no-sidecar";
        _job = kind is "Job" or "CronJob";
        _variant = _rng.Next(4);
        // The deprecated annotation form of the opt-out (the label is the current one).
        _injectAnnotation = @case == "mesh-key-deprecated" && _variant % 2 == 0;
        var injectedPod = !nsDisabled && !_noSidecarByLabel && !_injectAnnotation;
        _grace = _rng.Chance(0.6) ? _rng.Pick(new[] { 10, 30, 60 }) : null;
        _preStopSeconds = null;
        _reservedPort = null;
        _forceInit = @case == "init-container-network-blocked";
        if (@case == "proxy-stops-before-app")
        {
            // Drain too long for the grace period (even variants), or a preStop sleep that outlasts
            // Istio's 5s drain (odd); the grace period stays longer than the sleep, as teams set it.
            _grace = _variant % 2 == 0 ? (_rng.Chance(0.5) ? 30 : null) : _rng.Pick(new int?[] { null, 30, 60 });
            _preStopSeconds = _variant % 2 == 0 ? null : _rng.Pick(new[] { 10, 15, 20 });
        }
        else if (@case == "clean" && !_job && _grace != 10 && _rng.Chance(0.1))
        {
            // A preStop sleep with a drain that outlasts it, or with EXIT_ON_ZERO_ACTIVE_CONNECTIONS.
            _preStopSeconds = 10;
        }
        else if (@case == "port-reserved-by-proxy")
        {
            _reservedPort = _rng.Pick(new[] { 15000, 15020, 15090 });
        }
        // An injected Job finishes only when something stops istio-proxy: the main container calls
        // pilot-agent's /quitquitquit (the usual way), or the proxy is a native sidecar.
        _nativeSidecar = _job && injectedPod && @case == "clean" && _rng.Chance(0.3);
        _quitCall = _job && injectedPod && !_nativeSidecar
            && (@case != "job-sidecar-never-exits" || _variant % 2 == 1);
        var apiVersion = kind switch
        {
            "Pod" or "ReplicationController" => "v1",
            "Job" or "CronJob" => "batch/v1",
            "Rollout" => "argoproj.io/v1alpha1",
            _ => "apps/v1",
        };
        var version = $"v{_rng.Range(1, 3)}";
        L(0, $"apiVersion: {apiVersion}");
        L(0, $"kind: {kind}");
        L(0, "metadata:");
        L(2, $"name: {app}");
        L(2, $"namespace: {ns}");

        var podAnnotations = PodAnnotations(@case, out var misplaced, out var vault);
        var expected = Expected(@case, injected: !nsDisabled, vault);
        if (kind == "Pod")
        {
            WriteLabels(2, app, version, @case);
            WriteAnnotations(2, podAnnotations);
            L(0, "spec:");
            PodSpec(2, app, kind, port, hasConfigMap);
            return new Doc(kind, ns, app, @case, expected, _sb.ToString());
        }

        L(2, "labels:");
        L(4, $"app: {app}");
        L(4, $"app.kubernetes.io/name: {app}");
        L(4, $"app.kubernetes.io/managed-by: {_rng.Pick(new[] { "kustomize", "helm", "argocd", "config-sync" })}");
        var workloadAnnotations = new List<string>();
        if (_rng.Chance(0.3))
        {
            workloadAnnotations.Add($"deployment.kubernetes.io/revision: \"{_rng.Range(1, 40)}\"");
        }
        if (_rng.Chance(0.2))
        {
            workloadAnnotations.Add($"configmanagement.gke.io/source-path: clusters/prod/{ns}/{app}.yaml");
        }
        if (misplaced)
        {
            // The mistake: the pod-level annotations were put on the workload itself.
            workloadAnnotations.AddRange(podAnnotations);
            podAnnotations = [];
        }
        WriteAnnotations(2, workloadAnnotations);
        L(0, "spec:");
        switch (kind)
        {
            case "Deployment":
                L(2, $"replicas: {_rng.Range(1, 6)}");
                L(2, "revisionHistoryLimit: 5");
                Selector(2, app);
                L(2, "strategy:");
                L(4, "type: RollingUpdate");
                L(4, "rollingUpdate:");
                L(6, "maxSurge: 25%");
                L(6, "maxUnavailable: 0");
                PodTemplate(2, app, version, @case, podAnnotations, kind, port, hasConfigMap);
                break;
            case "StatefulSet":
                L(2, $"serviceName: {app}");
                L(2, $"replicas: {_rng.Range(1, 5)}");
                L(2, "podManagementPolicy: OrderedReady");
                Selector(2, app);
                PodTemplate(2, app, version, @case, podAnnotations, kind, port, hasConfigMap);
                L(2, "volumeClaimTemplates:");
                var vi = Seq(2);
                L(vi, "- metadata:");
                L(vi + 4, "name: data");
                L(vi + 2, "spec:");
                L(vi + 4, "accessModes: [\"ReadWriteOnce\"]");
                L(vi + 4, $"storageClassName: {_rng.Pick(new[] { "standard-rwo", "premium-rwo", "gp3" })}");
                L(vi + 4, "resources:");
                L(vi + 6, "requests:");
                L(vi + 8, $"storage: {_rng.Pick(new[] { "10Gi", "20Gi", "100Gi" })}");
                break;
            case "DaemonSet":
                Selector(2, app);
                L(2, "updateStrategy:");
                L(4, "type: RollingUpdate");
                L(4, "rollingUpdate:");
                L(6, "maxUnavailable: 1");
                PodTemplate(2, app, version, @case, podAnnotations, kind, port, hasConfigMap);
                break;
            case "ReplicaSet":
                L(2, $"replicas: {_rng.Range(1, 6)}");
                Selector(2, app);
                PodTemplate(2, app, version, @case, podAnnotations, kind, port, hasConfigMap);
                break;
            case "ReplicationController":
                L(2, $"replicas: {_rng.Range(1, 6)}");
                L(2, "selector:");
                L(4, $"app: {app}");
                PodTemplate(2, app, version, @case, podAnnotations, kind, port, hasConfigMap);
                break;
            case "Job":
                L(2, $"backoffLimit: {_rng.Range(0, 6)}");
                L(2, "ttlSecondsAfterFinished: 3600");
                PodTemplate(2, app, version, @case, podAnnotations, kind, port, hasConfigMap);
                break;
            case "CronJob":
                L(2, $"schedule: \"{_rng.Pick(new[] { "*/15 * * * *", "0 3 * * *", "30 */2 * * *", "0 0 * * 0" })}\"");
                L(2, "concurrencyPolicy: Forbid");
                L(2, "successfulJobsHistoryLimit: 3");
                L(2, "failedJobsHistoryLimit: 1");
                L(2, "jobTemplate:");
                L(4, "spec:");
                L(6, $"backoffLimit: {_rng.Range(0, 3)}");
                L(6, "activeDeadlineSeconds: 1800");
                PodTemplate(6, app, version, @case, podAnnotations, kind, port, hasConfigMap);
                break;
            case "Rollout":
                L(2, $"replicas: {_rng.Range(2, 10)}");
                L(2, "revisionHistoryLimit: 3");
                Selector(2, app);
                L(2, "strategy:");
                L(4, "canary:");
                L(6, $"canaryService: {app}-canary");
                L(6, $"stableService: {app}-stable");
                L(6, "steps:");
                var si = Seq(6);
                L(si, "- setWeight: 20");
                L(si, "- pause: {duration: 10m}");
                L(si, "- setWeight: 50");
                L(si, "- pause: {}");
                PodTemplate(2, app, version, @case, podAnnotations, kind, port, hasConfigMap);
                break;
            default:
                throw new InvalidOperationException(kind);
        }
        return new Doc(kind, ns, app, @case, expected, _sb.ToString());
    }

    /// <summary>The MeshLint rules (rules/docs in the main tree) that should report this workload.
    /// Injection follows MESH001: a namespace with istio-injection: disabled is not injected, any
    /// other (including one without a Namespace document) is.</summary>
    private static string Expected(string @case, bool injected, bool vault) => @case switch
    {
        "missing-hold" => injected ? "MESH001" : "-",
        "vault-no-exclude" => injected ? "MESH002" : "-",
        // An unreadable proxy.istio.io/config sets no hold either, so an injected pod also gets MESH001.
        "malformed-proxy-config" => injected ? "MESH001 MESH003" : "MESH003",
        "annotations-on-workload-metadata" => injected ? "MESH001 MESH005" : "MESH005",
        "unquoted-true-label" => "MESH007",
        "bad-cidr-list" => vault && injected ? "MESH002 MESH006" : "MESH006",
        // Injected through their own namespace, whatever the shared namespaces say.
        "init-container-network-blocked" => "MESH009",
        "pod-security-blocks-istio-init" => "MESH010",
        // vault-agent is added whether or not Istio injects the pod.
        "job-sidecar-never-exits" => vault || injected ? "MESH011" : "-",
        "proxy-stops-before-app" => injected ? "MESH012" : "-",
        "port-reserved-by-proxy" => injected ? "MESH013" : "-",
        // Key names and values are judged wherever they stand.
        "mesh-key-unknown" => "MESH014",
        "mesh-key-deprecated" => "MESH015",
        "mesh-value-invalid" => "MESH016",
        _ => "-",
    };

    private void Selector(int indent, string app)
    {
        L(indent, "selector:");
        L(indent + 2, "matchLabels:");
        L(indent + 4, $"app: {app}");
    }

    private void WriteLabels(int indent, string app, string version, string @case)
    {
        L(indent, "labels:");
        L(indent + 2, $"app: {app}");
        L(indent + 2, $"version: {version}");
        if (@case == "unquoted-true-label")
        {
            L(indent + 2, "sidecar.istio.io/inject: true");
        }
        else if (_noSidecarByLabel)
        {
            L(indent + 2, "sidecar.istio.io/inject: \"false\"");
        }
        else if (_rng.Chance(0.1) && !_injectAnnotation && !_nsDisabled)
        {
            L(indent + 2, "sidecar.istio.io/inject: \"true\"");
        }
        if (_rng.Chance(0.5))
        {
            L(indent + 2, $"app.kubernetes.io/version: \"{_rng.Range(1, 9)}.{_rng.Range(0, 30)}.{_rng.Range(0, 9)}\"");
        }
    }

    private void WriteAnnotations(int indent, List<string> annotations)
    {
        if (annotations.Count == 0)
        {
            return;
        }
        L(indent, "annotations:");
        foreach (var a in annotations)
        {
            // Entries may span lines (block scalars); indent every line.
            foreach (var line in a.Split('\n'))
            {
                L(indent + 2, line);
            }
        }
    }

    private string HoldConfig()
    {
        var r = _rng.Next(100);
        return r switch
        {
            < 60 => "proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }'",
            < 75 => "proxy.istio.io/config: '{\"holdApplicationUntilProxyStarts\":true}'",
            < 95 when _preStopSeconds is null => $"proxy.istio.io/config: |\n  {{\n    \"holdApplicationUntilProxyStarts\": true,\n    \"terminationDrainDuration\": \"{Drain()}\"\n  }}",
            < 95 => "proxy.istio.io/config: |\n  {\n    \"holdApplicationUntilProxyStarts\": true\n  }",
            // The YAML form from Istio's own documentation.
            _ => "proxy.istio.io/config: |\n  holdApplicationUntilProxyStarts: true",
        };
    }

    /// <summary>A drain shorter than the pod's grace period (Kubernetes' 30s when it sets none), as a
    /// team that thought about shutdown writes it.</summary>
    private string Drain() => _grace switch
    {
        10 => "5s",
        60 => "45s",
        _ => "20s",
    };

    private List<string> PodAnnotations(string @case, out bool misplaced, out bool vault)
    {
        misplaced = false;
        vault = @case is "clean-vault-excluded" or "vault-no-exclude";
        var a = new List<string>();
        if (_rng.Chance(0.4))
        {
            a.Add("prometheus.io/scrape: \"true\"");
            a.Add("prometheus.io/port: \"9102\"");
        }
        switch (@case)
        {
            case "clean":
                if (_preStopSeconds is not null)
                {
                    a.Add(_rng.Chance(0.5)
                        ? $"proxy.istio.io/config: '{{ \"holdApplicationUntilProxyStarts\": true, \"terminationDrainDuration\": \"{Drain()}\" }}'"
                        : "proxy.istio.io/config: |\n  holdApplicationUntilProxyStarts: true\n  proxyMetadata:\n    EXIT_ON_ZERO_ACTIVE_CONNECTIONS: \"true\"");
                }
                else
                {
                    a.Add(HoldConfig());
                }
                if (_nativeSidecar)
                {
                    a.Add("sidecar.istio.io/nativeSidecar: \"true\"");
                }
                if (_rng.Chance(0.15))
                {
                    a.Add("traffic.sidecar.istio.io/excludeOutboundPorts: \"5432,6379\"");
                }
                if (_rng.Chance(0.1))
                {
                    a.Add("sidecar.istio.io/proxyCPU: 100m");
                    a.Add($"sidecar.istio.io/proxyMemory: {_rng.Pick(new[] { "128Mi", "256Mi" })}");
                    a.Add("sidecar.istio.io/proxyMemoryLimit: 1Gi");
                }
                break;
            case "clean-vault-excluded":
                a.Add(HoldConfig());
                Vault(a);
                a.Add("traffic.sidecar.istio.io/excludeOutboundIPRanges: \"10.0.0.0/8\"");
                break;
            case "clean-no-sidecar":
                // Opted out by the pod label (set in WriteLabels). The older annotation, which the
                // injector still honours, is deprecated: that is mesh-key-deprecated.
                break;
            case "missing-hold":
                if (_rng.Chance(0.4))
                {
                    a.Add($"proxy.istio.io/config: '{{ \"terminationDrainDuration\": \"{Drain()}\" }}'");
                }
                break;
            case "hold-false":
                a.Add("proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": false }'");
                break;
            case "vault-no-exclude":
                a.Add(HoldConfig());
                Vault(a);
                break;
            case "malformed-proxy-config":
                a.Add(_rng.Pick(new[]
                {
                    "proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true'",
                    "proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }}'",
                    "proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\" = true }'",
                    "proxy.istio.io/config: '{ holdApplicationUntilProxyStarts: true'",
                }));
                break;
            case "annotations-on-workload-metadata":
                a.Add(HoldConfig());
                misplaced = true;
                break;
            case "unquoted-true-label":
                a.Add(HoldConfig());
                break;
            case "bad-cidr-list":
                a.Add(HoldConfig());
                if (_rng.Chance(0.5))
                {
                    Vault(a);
                    vault = true;
                }
                a.Add("traffic.sidecar.istio.io/excludeOutboundIPRanges: \"10.0.0.0/8, 192.168.0.0/16\"");
                break;
            case "init-container-network-blocked":
            case "pod-security-blocks-istio-init":
                a.Add(HoldConfig());
                break;
            case "job-sidecar-never-exits":
                a.Add(HoldConfig());
                if (_variant % 2 == 1)
                {
                    // istio-proxy is taken care of (/quitquitquit), but vault-agent still runs.
                    Vault(a, prePopulateOnly: null);
                    vault = true;
                    a.Add("traffic.sidecar.istio.io/excludeOutboundIPRanges: \"10.0.0.0/8\"");
                }
                break;
            case "proxy-stops-before-app":
                a.Add(_preStopSeconds is null
                    ? $"proxy.istio.io/config: '{{ \"holdApplicationUntilProxyStarts\": true, \"terminationDrainDuration\": \"{_rng.Pick(new[] { "30s", "45s", "60s" })}\" }}'"
                    : HoldConfig());
                break;
            case "port-reserved-by-proxy":
                a.Add(HoldConfig());
                break;
            case "mesh-key-unknown":
                a.Add(HoldConfig());
                a.Add(_rng.Pick(new[]
                {
                    "sidecar.istio.io/proxyCpu: 100m",
                    "sidecar.istio.io/proxyCpuLimit: \"1\"",
                    "traffic.sidecar.istio.io/excludeOutboundPort: \"5432\"",
                    "traffic.sidecar.istio.io/excludeInboundPort: \"9102\"",
                }));
                break;
            case "mesh-key-deprecated":
                if (_injectAnnotation)
                {
                    a.Add("sidecar.istio.io/inject: \"false\"");
                }
                else
                {
                    a.Add(HoldConfig());
                    a.Add("sidecar.istio.io/statsInclusionPrefixes: \"cluster.outbound,cluster_manager,listener_manager\"");
                }
                break;
            case "mesh-value-invalid":
                a.Add(HoldConfig());
                a.Add(_rng.Pick(new[]
                {
                    "sidecar.istio.io/proxyMemory: 128MB",
                    "sidecar.istio.io/proxyMemoryLimit: 1GB",
                    "traffic.sidecar.istio.io/excludeOutboundPorts: \"8000-8100\"",
                    "sidecar.istio.io/interceptionMode: tproxy",
                }));
                break;
            default:
                throw new InvalidOperationException(@case);
        }
        return a;
    }

    // A Job's vault-agent sidecar would keep the pod running, so Jobs render their secrets with
    // vault-agent-init only, as Vault's documentation advises.
    private void Vault(List<string> a) => Vault(a, _job ? "true" : _rng.Chance(0.5) ? "false" : null);

    private void Vault(List<string> a, string? prePopulateOnly)
    {
        a.Add("vault.hashicorp.com/agent-inject: \"true\"");
        a.Add($"vault.hashicorp.com/role: {_rng.Pick(Words1)}-reader");
        a.Add($"vault.hashicorp.com/agent-inject-secret-config: secret/data/{_rng.Pick(Words1)}/config");
        if (prePopulateOnly is not null)
        {
            a.Add($"vault.hashicorp.com/agent-pre-populate-only: \"{prePopulateOnly}\"");
        }
    }

    private void PodTemplate(int indent, string app, string version, string @case, List<string> podAnnotations,
        string kind, int port, bool hasConfigMap)
    {
        L(indent, "template:");
        L(indent + 2, "metadata:");
        WriteLabels(indent + 4, app, version, @case);
        WriteAnnotations(indent + 4, podAnnotations);
        L(indent + 2, "spec:");
        PodSpec(indent + 4, app, kind, port, hasConfigMap);
    }

    private void PodSpec(int i, string app, string kind, int port, bool hasConfigMap)
    {
        L(i, $"serviceAccountName: {app}");
        if (kind is "Job" or "CronJob")
        {
            L(i, $"restartPolicy: {(_rng.Chance(0.5) ? "OnFailure" : "Never")}");
        }
        if (_grace is { } grace)
        {
            L(i, $"terminationGracePeriodSeconds: {grace}");
        }
        L(i, "securityContext:");
        L(i + 2, "runAsNonRoot: true");
        L(i + 2, $"runAsUser: {_rng.Range(1000, 65000)}");
        L(i + 2, "fsGroup: 2000");
        L(i + 2, "seccompProfile:");
        L(i + 4, "type: RuntimeDefault");
        if (_rng.Chance(0.3))
        {
            L(i, "nodeSelector:");
            L(i + 2, $"cloud.google.com/gke-nodepool: {_rng.Pick(new[] { "default-pool", "highmem", "spot-pool" })}");
        }
        if (_rng.Chance(0.25))
        {
            L(i, "tolerations:");
            var ti = Seq(i);
            L(ti, "- key: dedicated");
            L(ti + 2, "operator: Equal");
            L(ti + 2, $"value: {app.Split('-')[0]}");
            L(ti + 2, "effect: NoSchedule");
        }
        if (_rng.Chance(0.2))
        {
            L(i, "affinity:");
            L(i + 2, "podAntiAffinity:");
            L(i + 4, "preferredDuringSchedulingIgnoredDuringExecution:");
            var ai = Seq(i + 4);
            L(ai, "- weight: 100");
            L(ai + 2, "podAffinityTerm:");
            L(ai + 4, "topologyKey: kubernetes.io/hostname");
            L(ai + 4, "labelSelector:");
            L(ai + 6, "matchLabels:");
            L(ai + 8, $"app: {app}");
        }
        if (_forceInit || _rng.Chance(0.15))
        {
            L(i, "initContainers:");
            var ii = Seq(i);
            if (_forceInit && _rng.Chance(0.5))
            {
                L(ii, "- name: migrate");
                L(ii + 2, $"image: {_rng.Pick(Registries)}/{app.Substring(0, app.LastIndexOf('-'))}-migrate:{_rng.Range(1, 4)}.{_rng.Range(0, 30)}.0");
                L(ii + 2, "args: [\"migrate\", \"up\", \"--database-url=$(DATABASE_URL)\"]");
                L(ii + 2, "env:");
                var ei = Seq(ii + 2);
                L(ei, "- name: DATABASE_URL");
                L(ei + 2, "valueFrom:");
                L(ei + 4, "secretKeyRef:");
                L(ei + 6, $"name: {app}-secrets");
                L(ei + 6, "key: database-url");
            }
            else
            {
                L(ii, "- name: wait-for-db");
                L(ii + 2, "image: busybox:1.36.1");
                L(ii + 2, "command: [\"sh\", \"-c\", \"until nc -z db 5432; do echo waiting; sleep 2; done\"]");
            }
            L(ii + 2, "resources:");
            L(ii + 4, "requests: {cpu: 10m, memory: 16Mi}");
        }
        L(i, "containers:");
        var ci = Seq(i);
        var containers = _rng.Chance(0.7) ? 1 : _rng.Range(2, 3);
        for (var c = 0; c < containers; c++)
        {
            Container(ci, app, c, port, hasConfigMap);
        }
        L(i, "volumes:");
        var vi = Seq(i);
        L(vi, "- name: tmp");
        L(vi + 2, "emptyDir: {}");
        if (hasConfigMap)
        {
            L(vi, "- name: config");
            L(vi + 2, "configMap:");
            L(vi + 4, $"name: {app}-config");
        }
        if (_rng.Chance(0.4))
        {
            L(vi, "- name: tls");
            L(vi + 2, "secret:");
            L(vi + 4, $"secretName: {app}-tls");
            L(vi + 4, "defaultMode: 0400");
        }
    }

    private void Container(int ci, string app, int index, int port, bool hasConfigMap)
    {
        var main = index == 0;
        var image = main
            ? _rng.Chance(0.2)
                ? $"{_rng.Pick(Registries)}/{app.Substring(0, app.LastIndexOf('-'))}@sha256:{_rng.Hex(64)}"
                : $"{_rng.Pick(Registries)}/{app.Substring(0, app.LastIndexOf('-'))}:{_rng.Range(0, 4)}.{_rng.Range(0, 40)}.{_rng.Range(0, 20)}"
            : _rng.Pick(SidecarImages);
        var name = main ? "app" : image.Split('/')[^1].Split(':')[0].Split('@')[0];
        var p = main ? port : 9000 + index;
        L(ci, $"- name: {name}{(main ? "" : $"-{index}")}");
        L(ci + 2, $"image: {image}");
        L(ci + 2, "imagePullPolicy: IfNotPresent");
        var k = ci + 2;
        if (main && _quitCall)
        {
            L(k, $"command: [\"/bin/sh\", \"-c\", \"/app/{app.Split('-')[0]} --once; rc=$?; curl -fsS -X POST http://localhost:15020/quitquitquit; exit $rc\"]");
        }
        else if (_rng.Chance(0.3))
        {
            L(k, "args:");
            var ai = Seq(k);
            L(ai, $"- --port={p}");
            L(ai, $"- --log-format={_rng.Pick(new[] { "json", "text" })}");
            if (_rng.Chance(0.5))
            {
                L(ai, "- --config=/etc/app/config.json");
            }
        }
        L(k, "ports:");
        var pi = Seq(k);
        L(pi, $"- name: {(p == 50051 ? "grpc" : "http")}");
        L(pi + 2, $"containerPort: {p}");
        L(pi + 2, "protocol: TCP");
        if (main && _reservedPort is { } reserved)
        {
            // The app's own admin or metrics port, picked without knowing istio-proxy listens there.
            L(pi, $"- name: {(reserved == 15000 ? "http-admin" : "http-metrics")}");
            L(pi + 2, $"containerPort: {reserved}");
        }
        else if (main && _rng.Chance(0.4))
        {
            L(pi, "- name: http-metrics");
            L(pi + 2, "containerPort: 9102");
        }
        var envCount = main ? _rng.Range(2, 18) : _rng.Range(0, 4);
        if (envCount > 0)
        {
            L(k, "env:");
            var ei = Seq(k);
            for (var e = 0; e < envCount; e++)
            {
                var envName = EnvNames[(e * 7 + index) % EnvNames.Length];
                L(ei, $"- name: {envName}");
                switch (_rng.Next(10))
                {
                    case 0:
                        L(ei + 2, "valueFrom:");
                        L(ei + 4, "secretKeyRef:");
                        L(ei + 6, $"name: {app}-secrets");
                        L(ei + 6, $"key: {envName.ToLowerInvariant().Replace('_', '-')}");
                        break;
                    case 1:
                        L(ei + 2, "valueFrom:");
                        L(ei + 4, "fieldRef:");
                        L(ei + 6, $"fieldPath: {_rng.Pick(new[] { "metadata.name", "metadata.namespace", "status.podIP", "spec.nodeName" })}");
                        break;
                    case 2 when hasConfigMap:
                        L(ei + 2, "valueFrom:");
                        L(ei + 4, "configMapKeyRef:");
                        L(ei + 6, $"name: {app}-config");
                        L(ei + 6, "key: LOG_LEVEL");
                        break;
                    default:
                        L(ei + 2, $"value: {Quote(EnvValue(envName))}");
                        break;
                }
            }
        }
        L(k, "resources:");
        L(k + 2, "requests:");
        L(k + 4, $"cpu: {_rng.Pick(new[] { "50m", "100m", "250m", "500m", "1" })}");
        L(k + 4, $"memory: {_rng.Pick(new[] { "64Mi", "128Mi", "256Mi", "512Mi", "1Gi" })}");
        L(k + 2, "limits:");
        L(k + 4, $"memory: {_rng.Pick(new[] { "256Mi", "512Mi", "1Gi", "2Gi" })}");
        if (_rng.Chance(0.5))
        {
            L(k + 4, $"cpu: {_rng.Pick(new[] { "500m", "1", "2" })}");
        }
        if (main || _rng.Chance(0.3))
        {
            Probe(k, "readinessProbe", p);
            Probe(k, "livenessProbe", p);
        }
        if (main && _preStopSeconds is { } wait)
        {
            // Keeps serving while the endpoints controller and the load balancers take the pod out.
            L(k, "lifecycle:");
            L(k + 2, "preStop:");
            switch (_rng.Next(3))
            {
                case 0:
                    L(k + 4, "exec:");
                    L(k + 6, $"command: [\"sleep\", \"{wait}\"]");
                    break;
                case 1:
                    L(k + 4, "exec:");
                    L(k + 6, $"command: [\"/bin/sh\", \"-c\", \"sleep {wait}\"]");
                    break;
                default:
                    L(k + 4, "sleep:");
                    L(k + 6, $"seconds: {wait}");
                    break;
            }
        }
        L(k, "volumeMounts:");
        var mi = Seq(k);
        L(mi, "- name: tmp");
        L(mi + 2, "mountPath: /tmp");
        if (hasConfigMap && main)
        {
            L(mi, "- name: config");
            L(mi + 2, "mountPath: /etc/app");
            L(mi + 2, "readOnly: true");
        }
        L(k, "securityContext:");
        L(k + 2, "allowPrivilegeEscalation: false");
        L(k + 2, "readOnlyRootFilesystem: true");
        L(k + 2, "capabilities:");
        L(k + 4, "drop: [\"ALL\"]");
    }

    private void Probe(int k, string name, int port)
    {
        L(k, $"{name}:");
        switch (_rng.Next(3))
        {
            case 0:
                L(k + 2, "httpGet:");
                L(k + 4, $"path: {(name == "readinessProbe" ? "/ready" : "/healthz")}");
                L(k + 4, $"port: {port}");
                break;
            case 1:
                L(k + 2, "tcpSocket:");
                L(k + 4, $"port: {port}");
                break;
            default:
                if (port == 50051)
                {
                    L(k + 2, "grpc:");
                    L(k + 4, $"port: {port}");
                }
                else
                {
                    L(k + 2, "exec:");
                    L(k + 4, "command: [\"/bin/grpc_health_probe\", \"-addr=:8080\"]");
                }
                break;
        }
        L(k + 2, $"initialDelaySeconds: {_rng.Pick(new[] { 0, 5, 10, 15, 30 })}");
        L(k + 2, $"periodSeconds: {_rng.Pick(new[] { 5, 10, 15 })}");
        L(k + 2, $"failureThreshold: {_rng.Range(3, 6)}");
    }

    private string EnvValue(string envName) => envName switch
    {
        "LOG_LEVEL" => _rng.Pick(new[] { "info", "debug", "warn" }),
        "PORT" => "8080",
        "GRPC_PORT" => "50051",
        "ENVIRONMENT" => _rng.Pick(new[] { "production", "staging" }),
        "REGION" => _rng.Pick(new[] { "us-east1", "europe-west1", "asia-south1" }),
        "OTEL_EXPORTER_OTLP_ENDPOINT" => "http://otel-collector.observability.svc.cluster.local:4317",
        "DATABASE_HOST" => $"{_rng.Pick(Words1)}-db.data.svc.cluster.local",
        "JAVA_TOOL_OPTIONS" => "-XX:MaxRAMPercentage=75.0 -XX:+UseG1GC",
        "FEATURE_FLAGS" => $"{_rng.Pick(Words1)},{_rng.Pick(Words1)},{_rng.Pick(Words2)}",
        _ => _rng.Chance(0.5) ? _rng.Range(1, 10000).ToString(System.Globalization.CultureInfo.InvariantCulture) : _rng.Hex(_rng.Range(6, 20)),
    };
}
