using System.Text;
using Dapper;
using Npgsql;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Import;

public sealed record ImportResult(int Rows, int Loaded, int Inserted, int Updated, IReadOnlyList<RowError> Errors, int RejectedRows, string? RejectsFile, bool Strict)
{
    public int Unchanged => Loaded - Inserted - Updated;
}

/// <summary>
/// CSV → validate each row → binary COPY of the good rows into a temporary staging table → one merge statement
/// (insert … on conflict … do update only where something is newer or different), all in one transaction.
/// Bad rows are reported with line, column and reason and written to FILE.rejects.csv; --strict loads nothing
/// when any row is bad. Re-importing the same file changes nothing.
/// </summary>
public sealed class CsvImporter(NpgsqlDataSource dataSource)
{
    public async Task<ImportResult> ImportAsync(ImportKind kind, string path, bool strict, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new ReportingException(ErrorCodes.ImportFileMissing, $"Không tìm thấy tệp '{path}'.");
        }

        List<CsvRecord> records;
        using (var reader = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true))
        {
            try
            {
                records = [.. CsvReader.Read(reader)];
            }
            catch (DecoderFallbackException)
            {
                throw new ReportingException(ErrorCodes.ImportBadHeader, $"Tệp '{path}' không phải UTF-8 (có byte không hợp lệ, ví dụ tệp lưu theo Windows-1258); không nạp dòng nào. Hãy lưu lại dưới dạng CSV UTF-8.");
            }
        }

        if (records.Count == 0)
        {
            throw new ReportingException(ErrorCodes.ImportBadHeader, $"Tệp '{path}' trống: cần dòng tiêu đề ({string.Join(",", kind.Columns)}).");
        }

        var header = records[0];
        if (header.Fields.Any(f => f.Contains('\0', StringComparison.Ordinal)))
        {
            // UTF-16 without a byte order mark decodes as "valid" UTF-8 with a NUL after every letter.
            throw new ReportingException(ErrorCodes.ImportBadHeader,
                $"Tệp '{path}' không phải UTF-8 (có ký tự NUL trong dòng tiêu đề; có thể là UTF-16). Hãy lưu lại dưới dạng CSV UTF-8.");
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Length; i++)
        {
            columns[header.Fields[i].Trim().ToLowerInvariant()] = i;
        }

        var missing = kind.Columns.Where(c => !columns.ContainsKey(c)).ToList();
        var unknown = columns.Keys.Where(c => Array.IndexOf(kind.Columns, c) < 0).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || columns.Count != header.Fields.Length)
        {
            throw new ReportingException(ErrorCodes.ImportBadHeader,
                $"Dòng tiêu đề của '{path}' không đúng. Thiếu: {(missing.Count > 0 ? string.Join(", ", missing) : "không")}; " +
                $"thừa hoặc trùng: {(unknown.Count > 0 || columns.Count != header.Fields.Length ? string.Join(", ", unknown.DefaultIfEmpty("cột trùng tên")) : "không")}. " +
                $"Cần đúng các cột: {string.Join(",", kind.Columns)} (docs/IMPORT.md).");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var codeColumn = columns["code"];
        var fileCodes = records.Skip(1).Where(r => r.Fields.Length > codeColumn).Select(r => r.Fields[codeColumn].Trim()).ToHashSet(StringComparer.Ordinal);
        await kind.PrepareAsync(connection, fileCodes);

        var errors = new List<RowError>();
        var rejected = new List<(CsvRecord Record, List<RowError> Errors)>();
        var good = new List<object?[]>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var parser = new RowParser(record, columns);
            object?[]? values = null;
            if (record.UnclosedQuote)
            {
                parser.Fail("", ErrorCodes.RowUnclosedQuote, "dấu ngoặc kép không được đóng");
            }
            else if (record.Fields.Length != header.Fields.Length)
            {
                parser.Fail("", ErrorCodes.RowColumnCount, $"có {record.Fields.Length} cột, tiêu đề có {header.Fields.Length}");
            }
            else
            {
                values = kind.Parse(parser);
                var code = (string)values[0]!;
                if (code.Length > 0 && !seen.TryAdd(code, record.Line))
                {
                    parser.Fail("code", ErrorCodes.RowDuplicateCode, $"mã '{code}' đã có ở dòng {seen[code]} của tệp");
                }
            }

            if (parser.Errors.Count > 0)
            {
                errors.AddRange(parser.Errors);
                rejected.Add((record, parser.Errors));
            }
            else
            {
                good.Add(values!);
            }
        }

        var rejectsFile = RejectsPath(path);
        if (rejected.Count > 0)
        {
            await WriteRejectsAsync(rejectsFile, header, rejected, cancellationToken);
        }
        else if (File.Exists(rejectsFile))
        {
            File.Delete(rejectsFile);
        }

        var rows = records.Count - 1;
        if (rejected.Count > 0 && strict)
        {
            return new ImportResult(rows, 0, 0, 0, errors, rejected.Count, rejectsFile, true);
        }

        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(SqlFiles.Get(kind.StageSql));
        await using (var writer = await connection.BeginBinaryImportAsync(SqlFiles.Get(kind.CopySql), cancellationToken))
        {
            foreach (var values in good)
            {
                await writer.WriteRowAsync(cancellationToken, values);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var merged = await connection.QuerySingleAsync<(long Inserted, long Updated)>(SqlFiles.Get(kind.MergeSql));
        if (kind.AfterMergeSql is { } after)
        {
            await connection.ExecuteAsync(SqlFiles.Get(after));
        }

        await tx.CommitAsync(cancellationToken);
        return new ImportResult(rows, good.Count, (int)merged.Inserted, (int)merged.Updated, errors, rejected.Count,
            rejected.Count > 0 ? rejectsFile : null, strict);
    }

    /// <summary>"x.csv" → "x.rejects.csv" beside it.</summary>
    public static string RejectsPath(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(path) + ".rejects.csv");
    }

    private static async Task WriteRejectsAsync(string file, CsvRecord header, List<(CsvRecord Record, List<RowError> Errors)> rejected, CancellationToken cancellationToken)
    {
        await using var w = new StreamWriter(file, false, new UTF8Encoding(false));
        await w.WriteAsync(header.Raw + ",dong,cot,ma_loi,ly_do\n");
        foreach (var (record, errs) in rejected)
        {
            var first = errs[0];
            var reason = string.Join("; ", errs.Select(e => e.Column.Length > 0 ? $"{e.Column}: {e.Reason}" : e.Reason));
            // A quote that was never closed swallowed the rest of the file; close it, or the reason columns would
            // be inside the quoted value and the rejects file itself unreadable.
            var raw = record.UnclosedQuote ? record.Raw + "\"" : record.Raw;
            await w.WriteAsync($"{raw},{first.Line},{CsvReader.Escape(first.Column)},{string.Join("|", errs.Select(e => e.Code).Distinct())},{CsvReader.Escape(reason)}\n");
        }

        await w.FlushAsync(cancellationToken);
    }
}
