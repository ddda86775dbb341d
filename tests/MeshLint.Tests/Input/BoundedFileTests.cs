using MeshLint.Input;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Input;

public sealed class BoundedFileTests
{
    [Fact]
    public void A_regular_file_comes_back_byte_for_byte_and_one_over_the_limit_not_at_all()
    {
        using var folder = TempRepository.Folder();
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
        var path = folder.PathOf("big.yaml");
        File.WriteAllBytes(path, bytes);

        BoundedFile.Read(path, bytes.Length).ShouldBe(bytes);
        BoundedFile.Read(path, bytes.Length - 1).ShouldBeNull();
        File.WriteAllBytes(path, []);
        BoundedFile.Read(path, 10).ShouldBeEmpty();
    }

    [SkippableFact]
    public void A_file_whose_length_lies_is_read_to_its_end_within_the_limit()
    {
        // /proc files report a length of 0 and still have content.
        Skip.IfNot(File.Exists("/proc/self/status"), "needs Linux's /proc");

        var read = BoundedFile.Read("/proc/self/status", 1 << 20);

        read.ShouldNotBeNull();
        System.Text.Encoding.ASCII.GetString(read).ShouldContain("Name:");
        BoundedFile.Read("/proc/self/status", 8).ShouldBeNull();
    }
}
