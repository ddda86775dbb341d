using MeshLint.Registry;

namespace MeshLint.Rules;

/// <summary>
/// A rule whose verdict depends on the Istio minor release the scanned files are meant for: which keys
/// that release reads, which it deprecated, which ProxyConfig fields it decodes. The engine calls
/// <see cref="Check(ObjectCheck, MinorRelease?)"/> with the release when it knows one;
/// <see cref="IObjectRule.Check(ObjectCheck)"/> assumes the newest.
/// </summary>
internal interface IIstioReleaseRule : IObjectRule
{
    /// <param name="istio">The Istio release of the scanned files; null when unknown, which assumes the newest.</param>
    void Check(ObjectCheck check, MinorRelease? istio);
}
