using System.Diagnostics;

namespace OrleansCluster.EndToEnd.Tests;

/// <summary>The real kubectl, pointed at the test cluster through its kubeconfig, with a fresh discovery cache.</summary>
public sealed class Kubectl(string kubeconfig, string cacheDirectory)
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Output of a command that must succeed; fails the test with stderr otherwise.</summary>
        public string Ok()
        {
            Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}): {Error}\n{Output}");
            return Output;
        }
    }

    public Task<Result> RunAsync(params string[] args) => RunAsync(null, TimeSpan.FromSeconds(60), args);

    public async Task<Result> RunAsync(string? stdin, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.Environment["KUBECONFIG"] = kubeconfig;
        info.ArgumentList.Add($"--cache-dir={cacheDirectory}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>) and returns it with its output so far.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["KUBECONFIG"] = kubeconfig;
        info.ArgumentList.Add($"--cache-dir={cacheDirectory}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}
