namespace MeshLint.Tests.Support;

/// <summary>
/// Manifests several tests share. Their line and column numbers are pinned by assertions, so a
/// variant belongs in the test that needs it (a <c>Replace</c> on one of these), not here.
/// </summary>
public static class Manifests
{
    /// <summary>
    /// A Deployment in the default namespace that asks for injection with the label, with a
    /// Vault agent and no hold or exclusion: MESH001 at 7:5 and MESH002 at 10:9.
    /// </summary>
    public const string VaultDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: payments
        spec:
          template:
            metadata:
              labels: {sidecar.istio.io/inject: "true"}
              annotations:
                vault.hashicorp.com/agent-inject: "true"
            spec:
              containers:
                - name: app
                  image: app:1
        """;

    /// <summary>
    /// An injected Deployment (namespace not scanned; its pod's Istio label shows Istio in use, without asking for injection) with
    /// Vault and no hold: MESH001 at 8:5 (the template's metadata key) and MESH002 at 11:9 (the
    /// agent-inject key).
    /// </summary>
    public const string VaultWorkload = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              labels: {app: web, service.istio.io/canonical-name: web}
              annotations:
                vault.hashicorp.com/agent-inject: "true"
            spec:
              containers:
                - name: web
                  image: web:1

        """;

    /// <summary>An IstioOperator that holds every app until its proxy is ready (line 9).</summary>
    public const string MeshWideHold = """
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata:
          name: mesh
          namespace: istio-system
        spec:
          meshConfig:
            defaultConfig:
              holdApplicationUntilProxyStarts: true

        """;

    /// <summary>The Namespace of <see cref="Shop"/>, which turns on injection.</summary>
    public const string ShopNamespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            istio-injection: enabled

        """;

    /// <summary>
    /// Has findings only because <see cref="ShopNamespace"/> injects its namespace:
    /// MESH001 at 8:5 and MESH002 at 10:9 (10:9 to 10:41).
    /// </summary>
    public const string ShopPayments = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: payments
          namespace: shop
        spec:
          template:
            metadata:
              annotations:
                vault.hashicorp.com/agent-inject: "true"
            spec:
              containers:
                - name: payments
                  image: example/payments:1

        """;

    /// <summary>Holds its app until the proxy is ready, and has no Vault agent: no findings.</summary>
    public const string ShopCatalog = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: catalog
          namespace: shop
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: '{ "holdApplicationUntilProxyStarts": true }'
            spec:
              containers:
                - name: catalog
                  image: example/catalog:1

        """;

    /// <summary>
    /// A small repository: the Namespace that turns on injection in one folder, a bad Deployment
    /// (findings only because of that Namespace) and a good one in another.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> Shop { get; } =
    [
        ("platform/namespace.yaml", ShopNamespace),
        ("apps/bad.yaml", ShopPayments),
        ("apps/good.yaml", ShopCatalog),
    ];
}
