namespace MeshLint.Input;

/// <summary>
/// Where a file's text came from when a build made it (a kustomization's build, a chart's render)
/// rather than the work tree. The build layer (Rendering) implements it and knows how to carry the
/// file's findings back to the files it was made from; reading files needs only to hold it.
/// </summary>
internal interface IFileOrigin
{
    /// <summary>What made it, as findings name it: the overlay's folder, or the values file.</summary>
    string Label { get; }
}
