using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace MeshLint.Parsing;

/// <summary>
/// Gives each thread its own spare <see cref="StringBuilder"/>s for YamlDotNet's scanner, in place
/// of the one pool every thread shares.
/// </summary>
/// <remarks>
/// The scanner rents up to four builders for every scalar from one process-wide pool
/// (<c>YamlDotNet.Core.ObjectPool.StringBuilderPool</c>: a compare-and-swap slot and a
/// <c>ConcurrentQueue</c>). Parsing on two threads then makes both cores write the same few cache
/// lines millions of times: in a profile of the bare YamlDotNet parse on two threads the pool took a
/// fifth of all samples, and two threads used a third more CPU than one for the same work.
/// The pool offers no switch, but it makes and takes back builders through two delegates of its
/// policy. These are replaced by ones that keep a few spare builders per thread, and the take-back
/// answers "not kept", so the shared slot and queue are never written: a rent only reads shared
/// memory. Keeping spares rather than dropping every builder halves what the parse allocates
/// (4.2 against 7.7 GB on the 100k bench set), and with it the garbage collections that stop every
/// thread. If a YamlDotNet release renames these internals, the pool is left as it is (parsing
/// stays correct, only slower on many threads) and <see cref="Unshared"/> is false, which a test checks.
/// </remarks>
internal static class ScannerBuilderPool
{
    /// <summary>Builders that grew beyond this are let go, as YamlDotNet's own policy does, so one huge scalar is not kept alive.</summary>
    private const int MaxKeptCapacity = 1024;

    /// <summary>A plain scalar holds four builders at once; a few more cover nesting.</summary>
    private const int SparesPerThread = 8;

    // Per thread by design: the point is that no two threads touch the same spares.
    [ThreadStatic]
    private static StringBuilder?[]? spares;

    [ThreadStatic]
    private static int spareCount;

    /// <summary>Whether the pool now uses the per-thread spares; reading it applies the change once.</summary>
    public static bool Unshared { get; } = StopSharing();

    // The names below are looked up by reflection; a trimmed or Native AOT build keeps them only
    // when they are named here. A lookup that still fails leaves the pool shared, as above.
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicFields, "YamlDotNet.Core.ObjectPool.StringBuilderPool", "YamlDotNet")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicFields, "YamlDotNet.Core.ObjectPool.DefaultObjectPool`1", "YamlDotNet")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The type is kept by the DynamicDependency above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The fields are kept by the DynamicDependency above.")]
    private static bool StopSharing()
    {
        try
        {
            var poolHolder = typeof(YamlDotNet.Core.Parser).Assembly.GetType("YamlDotNet.Core.ObjectPool.StringBuilderPool");
            var pool = poolHolder?.GetField("Pool", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);
            var create = pool?.GetType().GetField("createFunc", BindingFlags.NonPublic | BindingFlags.Instance);
            var takeBack = pool?.GetType().GetField("returnFunc", BindingFlags.NonPublic | BindingFlags.Instance);
            if (pool is null || create?.FieldType != typeof(Func<StringBuilder>) || takeBack?.FieldType != typeof(Func<StringBuilder, bool>))
            {
                return false;
            }

            create.SetValue(pool, new Func<StringBuilder>(Rent));
            takeBack.SetValue(pool, new Func<StringBuilder, bool>(KeepSpare));
            return create.GetValue(pool) is Func<StringBuilder> { Method.Name: nameof(Rent) };
        }
        catch (Exception error) when (error is MemberAccessException or TargetInvocationException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static StringBuilder Rent()
    {
        if (spareCount > 0)
        {
            var builder = spares![--spareCount]!;
            spares[spareCount] = null;
            return builder;
        }

        return new StringBuilder(16);
    }

    /// <summary>Keeps the builder on this thread when there is room; always answers that the shared pool keeps nothing.</summary>
    private static bool KeepSpare(StringBuilder builder)
    {
        if (builder.Capacity <= MaxKeptCapacity && spareCount < SparesPerThread)
        {
            builder.Clear();
            (spares ??= new StringBuilder?[SparesPerThread])[spareCount++] = builder;
        }

        return false;
    }
}
