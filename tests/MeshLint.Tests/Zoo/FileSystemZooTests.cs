using Xunit;
using System.Diagnostics;
using Shouldly;
using static MeshLint.Tests.Support.Manifests;
using static MeshLint.Tests.Support.TestSupport;

namespace MeshLint.Tests.Zoo;

/// <summary>What a checkout can hold besides plain files: links, pipes, odd names, huge folders.</summary>
public sealed class FileSystemZooTests
{
    [SkippableFact]
    [Integration]
    public void A_fifo_named_yaml_is_an_input_error_and_the_other_files_are_still_reported()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs are made with Linux's mkfifo");
        using var folder = TempRepository.Folder();
        folder.Write("app.yaml", VaultDeployment);
        MakeFifo(folder.PathOf("pipe.yaml"));

        var (exit, stdout, stderr) = CliRun.In(folder.Root, ".");

        exit.ShouldBe(2);
        stderr.ShouldContain("pipe.yaml: not read: it is a FIFO");
        stdout.ShouldContain("app.yaml:");
        stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void A_dangling_link_is_an_input_error_naming_it()
    {
        using var folder = TempRepository.Folder();
        folder.Write("app.yaml", VaultDeployment);
        File.CreateSymbolicLink(folder.PathOf("gone.yaml"), folder.PathOf("missing.yaml"));

        var (exit, stdout, stderr) = CliRun.In(folder.Root, ".");

        exit.ShouldBe(2);
        stderr.ShouldContain("gone.yaml");
        stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void Symlink_loops_end_with_an_error_not_a_hang()
    {
        using var folder = TempRepository.Folder();
        folder.Write("app.yaml", VaultDeployment);
        File.CreateSymbolicLink(folder.PathOf("a.yaml"), folder.PathOf("b.yaml"));
        File.CreateSymbolicLink(folder.PathOf("b.yaml"), folder.PathOf("a.yaml"));
        Directory.CreateDirectory(folder.PathOf("d"));
        Directory.CreateSymbolicLink(folder.PathOf("d/loop"), folder.Root);

        var (exit, stdout, stderr) = CliRun.In(folder.Root, ".", "--follow-symlinks");

        exit.ShouldBe(2);
        stderr.ShouldContain("a.yaml");
        stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void A_link_out_of_the_scanned_folder_is_not_followed_unless_asked()
    {
        using var outside = TempRepository.Folder();
        using var folder = TempRepository.Folder();
        var secret = outside.Write("secret.yaml", VaultDeployment).PathOf("secret.yaml");
        File.CreateSymbolicLink(folder.PathOf("leak.yaml"), secret);

        var (exit, stdout, stderr) = CliRun.In(folder.Root, ".");
        exit.ShouldBe(0);
        stdout.ShouldNotContain("MESH002");
        stderr.ShouldContain("leak.yaml: a symbolic link out of the scanned folder; not followed");

        var followed = CliRun.In(folder.Root, ".", "--follow-symlinks");
        followed.Stdout.ShouldContain("leak.yaml:");
        followed.Stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void A_link_inside_the_scanned_folder_is_read()
    {
        using var folder = TempRepository.Folder();
        var real = folder.Write("real/app.yaml", VaultDeployment).PathOf("real/app.yaml");
        File.CreateSymbolicLink(folder.PathOf("alias.yaml"), real);

        CliRun.In(folder.Root, ".").Stdout.ShouldContain("alias.yaml:");
    }

    [Fact]
    public void A_missing_path_is_exit_2_after_the_other_findings()
    {
        using var folder = TempRepository.Folder();
        folder.Write("app.yaml", VaultDeployment);

        var (exit, stdout, stderr) = CliRun.In(folder.Root, "app.yaml", "no/such/place");

        exit.ShouldBe(2);
        stderr.ShouldContain("no/such/place: no such file or directory");
        stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void A_directory_named_like_a_yaml_file_is_searched_not_read()
    {
        using var folder = TempRepository.Folder();
        folder.Write("odd.yaml/app.yaml", VaultDeployment);

        var (exit, stdout, _) = CliRun.In(folder.Root, ".");
        exit.ShouldBe(1);
        stdout.ShouldContain("odd.yaml/app.yaml:");
    }

    [Fact]
    public void Paths_with_spaces_and_non_ascii_names_are_shown_as_they_are()
    {
        using var folder = TempRepository.Folder();
        folder.Write("my apps/zürich 東京.yaml", VaultDeployment);

        var (_, stdout, _) = CliRun.In(folder.Root, ".");
        stdout.ShouldContain("my apps/zürich 東京.yaml:");

        var (_, sarif, _) = CliRun.In(folder.Root, ".", "--format", "sarif");
        sarif.ShouldContain("my%20apps/z%C3%BCrich%20%E6%9D%B1%E4%BA%AC.yaml");
    }

    [Fact]
    [Integration]
    public void A_hundred_thousand_files_in_one_folder_are_all_linted()
    {
        // Each file takes a page of memory: about 400 MB.
        using var folder = TempRepository.FolderInMemory(100_000L * 4096);
        var many = folder.PathOf("many");
        Directory.CreateDirectory(many);
        for (var i = 0; i < 100_000; i++)
        {
            File.WriteAllText(Path.Combine(many, $"f{i:D6}.yaml"), "a: 1\n");
        }

        folder.Write("many/zz-last.yaml", VaultDeployment);
        using var reports = TempRepository.Folder();
        var json = reports.PathOf("findings.json");

        // One scan writes both reports: the JSON one to a file outside the scanned folder.
        var clock = Stopwatch.StartNew();
        var run = CliRun.In(folder.Root, "--report", "text", "--report", $"json={json}", ".");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(3));
        File.ReadAllText(json).ShouldContain("many/zz-last.yaml");
        run.Stdout.ShouldContain("in 100001 files");
    }

    [Fact]
    public void Paths_outside_the_working_directory_are_shown_relative_to_their_repository()
    {
        using var elsewhere = TempRepository.Folder();
        using var cwd = TempRepository.Folder();
        Directory.CreateDirectory(elsewhere.PathOf("repo/.git"));
        elsewhere.Write("repo/deploy/app.yaml", VaultDeployment);

        var (_, stdout, _) = CliRun.In(cwd.Root, elsewhere.PathOf("repo/deploy"));

        stdout.ShouldContain("deploy/app.yaml:");
        stdout.ShouldNotContain(elsewhere.Root);
    }

    [Fact]
    public void Paths_outside_the_working_directory_and_any_repository_are_relative_to_the_scanned_folder()
    {
        using var elsewhere = TempRepository.Folder();
        using var cwd = TempRepository.Folder();
        var file = elsewhere.Write("deploy/app.yaml", VaultDeployment).PathOf("deploy/app.yaml");

        CliRun.In(cwd.Root, elsewhere.PathOf("deploy")).Stdout.ShouldStartWith("app.yaml:");
        CliRun.In(cwd.Root, file).Stdout.ShouldStartWith("app.yaml:");
    }

    private static void MakeFifo(string path)
    {
        var mkfifo = ToolProcess.Run(Tools.Require("mkfifo"), [path], Path.GetDirectoryName(path)!, timeout: TimeSpan.FromMinutes(1));
        mkfifo.ExitCode.ShouldBe(0, mkfifo.ToString());
    }
}
