namespace Reporting.Worker.Archive;

/// <summary>The outcome of <c>archive verify</c>: problems fail it; orphans and notes do not.</summary>
public sealed record AuditReport(int Checked, IReadOnlyList<string> Problems, IReadOnlyList<string> Orphans, IReadOnlyList<string> Notes)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Re-checks the archive: every entry's file exists and hashes to its recorded sha256; every signed entry's
/// signatures are still intact and the last covers the whole file; the chain result is recomputed against the
/// current trust list (a change is a note, since trust lists change). With all entries, files in the store that
/// no row references (a crash between the file and its row) and leftover temp files are reported as orphans.
/// </summary>
public sealed class ArchiveAudit(ArchiveStore archive, Sign.PdfSignatureVerifier verifier)
{
    public async Task<AuditReport> RunAsync(long? entryId, CancellationToken cancellationToken)
    {
        var entries = entryId is { } id ? [await archive.GetAsync(id, cancellationToken)]
            : await archive.ListAsync(null, null, null, null, cancellationToken);
        var problems = new List<string>();
        var notes = new List<string>();
        foreach (var entry in entries)
        {
            var path = archive.Content.PathOf(entry.Sha256);
            var label = $"mục {entry.Id} ({entry.FileName}, {path})";
            if (!File.Exists(path))
            {
                problems.Add($"THIẾU tệp: {label}");
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            if (ContentStore.Hash(bytes) != entry.Sha256 || bytes.LongLength != entry.Size)
            {
                problems.Add($"BỊ SỬA: {label}: mã băm không còn khớp");
                continue;
            }

            if (entry.SignatureKind is null)
            {
                continue;
            }

            var check = verifier.Verify(bytes);
            if (!check.AllIntact || !check.LastCoversWholeFile)
            {
                var why = check.Signatures.FirstOrDefault(s => !s.Intact)?.Problem ?? "chữ ký cuối không bao trùm toàn bộ tệp";
                problems.Add($"CHỮ KÝ HỎNG: {label}: {why}");
            }
            else if ((check.AllTrusted ? "trusted" : "untrusted") != entry.ChainStatus)
            {
                notes.Add($"mục {entry.Id}: chuỗi chứng thư nay là '{(check.AllTrusted ? "trusted" : "untrusted")}', khi lưu là '{entry.ChainStatus}' (danh sách tin cậy đã đổi)");
            }
        }

        var orphans = new List<string>();
        if (entryId is null)
        {
            var referenced = entries.Select(e => e.Sha256).ToHashSet(StringComparer.Ordinal);
            var (hashes, temps) = archive.Content.Scan();
            orphans.AddRange(hashes.Where(h => !referenced.Contains(h)).Select(archive.Content.PathOf));
            orphans.AddRange(temps);
        }

        return new AuditReport(entries.Count, problems, orphans, notes);
    }
}
