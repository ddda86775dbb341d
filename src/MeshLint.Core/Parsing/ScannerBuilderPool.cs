using System.Reflection;
using System.Text;

namespace MeshLint.Parsing;

/// <summary>
/// Stops YamlDotNet's scanner from sharing its scratch <see cref="StringBuilder"/>s between threads.
/// </summary>
/// <remarks>
/// The scanner rents up to four builders for every scalar from one process-wide pool
/// (<c>YamlDotNet.Core.ObjectPool.StringBuilderPool</c>: a compare-and-swap slot and a
/// <c>ConcurrentQueue</c>). Parsing on two threads then makes both cores write the same few cache
/// lines millions of times: in a profile of the bare YamlDotNet parse on two threads the pool took a
/// fifth of all samples, and two threads used a third more CPU than one for the same work.
/// The pool offers no switch, so its policy's retained-capacity limit is set below any builder's
/// capacity: every builder is then dropped on return instead of queued, the queue stays empty, and a
/// rent only reads shared memory before allocating a small builder on its own thread. Nothing else
/// about parsing changes. If a YamlDotNet release renames these internals, the pool is left as it
/// is (parsing stays correct, only slower on many threads) and <see cref="Unshared"/> is false, which
/// a test checks.
/// </remarks>
internal static class ScannerBuilderPool
{
    /// <summary>Whether the pool now drops every builder; reading it applies the change once.</summary>
    public static bool Unshared { get; } = StopSharing();

    private static bool StopSharing()
    {
        try
        {
            var poolHolder = typeof(YamlDotNet.Core.Parser).Assembly.GetType("YamlDotNet.Core.ObjectPool.StringBuilderPool");
            var pool = poolHolder?.GetField("Pool", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);
            var returnPolicy = pool?.GetType().GetField("returnFunc", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(pool) as Func<StringBuilder, bool>;
            var policy = returnPolicy?.Target;
            var limit = policy?.GetType().GetProperty("MaximumRetainedCapacity", BindingFlags.Public | BindingFlags.Instance);
            if (policy is null || limit is null || limit.PropertyType != typeof(int) || !limit.CanWrite)
            {
                return false;
            }

            limit.SetValue(policy, -1);
            return returnPolicy!(new StringBuilder()) == false;
        }
        catch (Exception error) when (error is MemberAccessException or TargetInvocationException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
