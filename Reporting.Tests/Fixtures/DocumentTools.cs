using System.Diagnostics;

namespace Reporting.Tests.Fixtures;

/// <summary>Runs the real command-line tools (poppler, qpdf, LibreOffice); a missing tool fails the test.</summary>
public static class DocumentTools
{
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Không chạy được {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} → {p.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    /// <summary>pdftotext of one page (1-based), or of all pages when page is null.</summary>
    public static Task<string> PdfText(string pdf, int? page = null, bool layout = false)
    {
        var args = new List<string>();
        if (page is { } n)
        {
            args.AddRange(["-f", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (layout)
        {
            args.Add("-layout");
        }

        args.AddRange([pdf, "-"]);
        return RunAsync("pdftotext", [.. args]);
    }

    public static async Task<int> PdfPages(string pdf)
    {
        var info = await RunAsync("pdfinfo", pdf);
        var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Converts every sheet of a workbook to CSV "as shown" with LibreOffice in a Vietnamese locale profile of its
    /// own; returns sheet name → CSV text.
    /// </summary>
    public static async Task<Dictionary<string, string>> LibreOfficeCsv(string xlsx)
    {
        var root = Path.Combine(Path.GetTempPath(), "reporting-lo-" + Guid.NewGuid().ToString("N"));
        var profile = Path.Combine(root, "profile");
        var outDir = Path.Combine(root, "out");
        Directory.CreateDirectory(Path.Combine(profile, "user"));
        await File.WriteAllTextAsync(Path.Combine(profile, "user", "registrymodifications.xcu"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
            </oor:items>
            """);
        try
        {
            // Filter options: comma, quote, UTF-8, from line 1, language vi-VN, formatted "as shown", every sheet (-1).
            await RunAsync("libreoffice", "-env:UserInstallation=file://" + profile, "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,1066,false,true,true,false,false,-1", "--outdir", outDir, xlsx);
            var stem = Path.GetFileNameWithoutExtension(xlsx) + "-";
            return Directory.GetFiles(outDir, "*.csv").ToDictionary(
                f => Path.GetFileNameWithoutExtension(f)[stem.Length..],
                f => File.ReadAllText(f));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
