using Xunit;
using System.Diagnostics;
using Shouldly;
using static MeshLint.Tests.TestSupport;

namespace MeshLint.Tests.Zoo;

/// <summary>What a checkout can hold besides plain files: links, pipes, odd names, huge folders.</summary>
public sealed class FileSystemZooTests
{
    [LinuxFact]
    public void A_fifo_named_yaml_is_an_input_error_and_the_other_files_are_still_reported()
    {
        using var folder = new TempFolder();
        folder.Write("app.yaml", VaultDeployment);
        MakeFifo(Path.Combine(folder.Path, "pipe.yaml"));

        var (exit, stdout, stderr) = RunCli(folder.Path, ".");

        exit.ShouldBe(2);
        stderr.ShouldContain("pipe.yaml: not read: it is a FIFO");
        stdout.ShouldContain("app.yaml:");
        stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void A_dangling_link_is_an_input_error_naming_it()
    {
        using var folder = new TempFolder();
        folder.Write("app.yaml", VaultDeployment);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "gone.yaml"), Path.Combine(folder.Path, "missing.yaml"));

        var (exit, stdout, stderr) = RunCli(folder.Path, ".");

        exit.ShouldBe(2);
        stderr.ShouldContain("gone.yaml");
        stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void Symlink_loops_end_with_an_error_not_a_hang()
    {
        using var folder = new TempFolder();
        folder.Write("app.yaml", VaultDeployment);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "a.yaml"), Path.Combine(folder.Path, "b.yaml"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "b.yaml"), Path.Combine(folder.Path, "a.yaml"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "d"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "d", "loop"), folder.Path);

        var (exit, stdout, stderr) = RunCli(folder.Path, ".", "--follow-symlinks");

        exit.ShouldBe(2);
        stderr.ShouldContain("a.yaml");
        stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void A_link_out_of_the_scanned_folder_is_not_followed_unless_asked()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        var secret = outside.Write("secret.yaml", VaultDeployment);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "leak.yaml"), secret);

        var (exit, stdout, stderr) = RunCli(folder.Path, ".");
        exit.ShouldBe(0);
        stdout.ShouldNotContain("MESH002");
        stderr.ShouldContain("leak.yaml: a symbolic link out of the scanned folder; not followed");

        var followed = RunCli(folder.Path, ".", "--follow-symlinks");
        followed.Stdout.ShouldContain("leak.yaml:");
        followed.Stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void A_link_inside_the_scanned_folder_is_read()
    {
        using var folder = new TempFolder();
        var real = folder.Write("real/app.yaml", VaultDeployment);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "alias.yaml"), real);

        RunCli(folder.Path, ".").Stdout.ShouldContain("alias.yaml:");
    }

    [Fact]
    public void A_missing_path_is_exit_2_after_the_other_findings()
    {
        using var folder = new TempFolder();
        folder.Write("app.yaml", VaultDeployment);

        var (exit, stdout, stderr) = RunCli(folder.Path, "app.yaml", "no/such/place");

        exit.ShouldBe(2);
        stderr.ShouldContain("no/such/place: no such file or directory");
        stdout.ShouldContain("MESH002");
    }

    [Fact]
    public void A_directory_named_like_a_yaml_file_is_searched_not_read()
    {
        using var folder = new TempFolder();
        folder.Write("odd.yaml/app.yaml", VaultDeployment);

        var (exit, stdout, _) = RunCli(folder.Path, ".");
        exit.ShouldBe(1);
        stdout.ShouldContain("odd.yaml/app.yaml:");
    }

    [Fact]
    public void Paths_with_spaces_and_non_ascii_names_are_shown_as_they_are()
    {
        using var folder = new TempFolder();
        folder.Write("my apps/zürich 東京.yaml", VaultDeployment);

        var (_, stdout, _) = RunCli(folder.Path, ".");
        stdout.ShouldContain("my apps/zürich 東京.yaml:");

        var (_, sarif, _) = RunCli(folder.Path, ".", "--format", "sarif");
        sarif.ShouldContain("my%20apps/z%C3%BCrich%20%E6%9D%B1%E4%BA%AC.yaml");
    }

    [Fact]
    public void A_hundred_thousand_files_in_one_folder_are_all_linted()
    {
        using var folder = new TempFolder();
        var many = Path.Combine(folder.Path, "many");
        Directory.CreateDirectory(many);
        for (var i = 0; i < 100_000; i++)
        {
            File.WriteAllText(Path.Combine(many, $"f{i:D6}.yaml"), "a: 1\n");
        }

        folder.Write("many/zz-last.yaml", VaultDeployment);
        var clock = Stopwatch.StartNew();
        var (_, stdout, _) = RunCli(folder.Path, ".", "--format", "json");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(3));
        stdout.ShouldContain("many/zz-last.yaml");
        RunCli(folder.Path, ".").Stdout.ShouldContain("in 100001 files");
    }

    [Fact]
    public void Paths_outside_the_working_directory_are_shown_relative_to_their_repository()
    {
        using var elsewhere = new TempFolder();
        using var cwd = new TempFolder();
        Directory.CreateDirectory(Path.Combine(elsewhere.Path, "repo", ".git"));
        elsewhere.Write("repo/deploy/app.yaml", VaultDeployment);

        var (_, stdout, _) = RunCli(cwd.Path, Path.Combine(elsewhere.Path, "repo", "deploy"));

        stdout.ShouldContain("deploy/app.yaml:");
        stdout.ShouldNotContain(elsewhere.Path);
    }

    [Fact]
    public void Paths_outside_the_working_directory_and_any_repository_are_relative_to_the_scanned_folder()
    {
        using var elsewhere = new TempFolder();
        using var cwd = new TempFolder();
        var file = elsewhere.Write("deploy/app.yaml", VaultDeployment);

        RunCli(cwd.Path, Path.Combine(elsewhere.Path, "deploy")).Stdout.ShouldStartWith("app.yaml:");
        RunCli(cwd.Path, file).Stdout.ShouldStartWith("app.yaml:");
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        mkfifo.ExitCode.ShouldBe(0);
    }
}
