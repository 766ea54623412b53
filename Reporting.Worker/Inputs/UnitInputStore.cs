using Dapper;
using Npgsql;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Inputs;

/// <summary>
/// Unit inputs in PostgreSQL (sql/schema/0100): current values in unit_input, every change in the append-only
/// unit_input_history. A save is all or nothing: any invalid value refuses the whole batch with per-field errors.
/// Only a value that differs from the stored one writes (and logs) anything, so re-saving the same form is a no-op.
/// </summary>
public sealed class UnitInputStore(NpgsqlDataSource dataSource)
{
    public static UnitInputStore For(Warehouse warehouse) => new(warehouse.DataSource);

    public async Task<IReadOnlyList<StoredInput>> CurrentAsync(UnitInputKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredInput>(new CommandDefinition(
            SqlFiles.Get("inputs/current_values"), key.Parameters, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Current values by field code.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ValuesAsync(UnitInputKey key, CancellationToken cancellationToken) =>
        (await CurrentAsync(key, cancellationToken)).ToDictionary(i => i.FieldCode, i => i.Value, StringComparer.Ordinal);

    public async Task<IReadOnlyList<InputChange>> HistoryAsync(UnitInputKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InputChange>(new CommandDefinition(
            SqlFiles.Get("inputs/history"), key.Parameters, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>The inputs fingerprint (hex SHA-256, see <see cref="InputFingerprint"/>).</summary>
    public async Task<string> FingerprintAsync(UnitInputKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            SqlFiles.Get("inputs/fingerprint"), key.Parameters, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException("unit_inputs_fingerprint returned null");
    }

    /// <summary>
    /// Validates and stores <paramref name="values"/> (field code → typed text; null or blank clears the field).
    /// Fields not named are left as they are. Refused as a whole when any value is invalid or a code unknown.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(UnitInputKey key, IReadOnlyDictionary<string, string?> values, string author,
        InputAction action, CancellationToken cancellationToken)
    {
        var errors = new List<InputError>();
        var canonical = new List<(string Code, string? Value)>();
        foreach (var (code, raw) in values)
        {
            var field = InputDefinitions.Find(code);
            if (field is null)
            {
                errors.Add(InputValidator.UnknownField(code));
                continue;
            }

            var error = InputValidator.Normalise(field, raw, out var value);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                canonical.Add((code, value));
            }
        }

        if (errors.Count > 0)
        {
            return new SaveOutcome(errors, []);
        }

        var changed = await WriteAsync(key, canonical, author, action, onlyIntoEmpty: false, cancellationToken);
        return new SaveOutcome([], changed);
    }

    /// <summary>
    /// Copy-forward: fills the empty carry-forward fields of <paramref name="key"/> from the latest earlier period
    /// of the same kind for which the unit has inputs. Never overwrites a value already entered; each copied field
    /// is a history row with <paramref name="author"/> and action copy_forward.
    /// </summary>
    public async Task<CopyForwardOutcome> CopyForwardAsync(UnitInputKey key, string author, CancellationToken cancellationToken)
    {
        var target = key.Period;
        IEnumerable<string> periods;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            periods = await connection.QueryAsync<string>(new CommandDefinition(SqlFiles.Get("inputs/stored_periods"),
                new { unit_code = key.UnitCode, kind = key.KindName }, cancellationToken: cancellationToken));
        }

        var previous = periods
            .Select(code => TryParse(key, code))
            .Where(p => p is not null && p.To < target.From)
            .MaxBy(p => p!.To)
            ?? throw new ReportingException(ErrorCodes.InputNoPreviousPeriod,
                $"Đơn vị {key.UnitCode} chưa có nhập liệu của kỳ {key.KindName} nào trước kỳ {key.PeriodCode} để sao chép.");

        var source = await ValuesAsync(key with { PeriodCode = previous.Code }, cancellationToken);
        var copy = new List<(string Code, string? Value)>();
        foreach (var field in InputDefinitions.For(key.Kind).Fields.Where(f => f.CarryForward))
        {
            if (source.TryGetValue(field.Code, out var raw) && InputValidator.Normalise(field, raw, out var value) is null)
            {
                copy.Add((field.Code, value));
            }
        }

        var changed = await WriteAsync(key, copy, author, InputAction.CopyForward, onlyIntoEmpty: true, cancellationToken);
        return new CopyForwardOutcome(previous.Code, changed);
    }

    private async Task<IReadOnlyList<string>> WriteAsync(UnitInputKey key, IReadOnlyList<(string Code, string? Value)> values,
        string author, InputAction action, bool onlyIntoEmpty, CancellationToken cancellationToken)
    {
        _ = key.Period; // a period code that does not fit the kind fails here (PERIOD_INVALID), before any write
        if (string.IsNullOrWhiteSpace(author))
        {
            throw new ReportingException(ErrorCodes.InputAuthorMissing, "Phải ghi rõ người nhập (tác giả) cho mọi thay đổi.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(SqlFiles.Get("inputs/unit_exists"),
            new { unit_code = key.UnitCode }, transaction, cancellationToken: cancellationToken));
        if (!known)
        {
            throw new ReportingException(ErrorCodes.UnknownUnit, $"Không có đơn vị mã '{key.UnitCode}'.");
        }

        await connection.ExecuteAsync(new CommandDefinition(SqlFiles.Get("inputs/lock_unit_period"), key.Parameters, transaction,
            cancellationToken: cancellationToken));
        var existing = onlyIntoEmpty
            ? (await connection.QueryAsync<StoredInput>(new CommandDefinition(SqlFiles.Get("inputs/current_values"), key.Parameters,
                transaction, cancellationToken: cancellationToken))).Select(i => i.FieldCode).ToHashSet(StringComparer.Ordinal)
            : [];

        var changed = new List<string>();
        foreach (var (code, value) in values.Where(v => !existing.Contains(v.Code)))
        {
            var n = await connection.ExecuteScalarAsync<int>(new CommandDefinition(SqlFiles.Get("inputs/save_value"), new
            {
                unit_code = key.UnitCode,
                kind = key.KindName,
                period_code = key.PeriodCode,
                field_code = code,
                value,
                author = author.Trim(),
                action = ActionName(action),
            }, transaction, cancellationToken: cancellationToken));
            if (n > 0)
            {
                changed.Add(code);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static Period? TryParse(UnitInputKey key, string code)
    {
        try
        {
            return Period.Parse(key.Kind, code);
        }
        catch (ReportingException)
        {
            return null;
        }
    }

    internal static string ActionName(InputAction action) => action switch
    {
        InputAction.Edit => "edit",
        InputAction.Import => "import",
        InputAction.CopyForward => "copy_forward",
        _ => "seed",
    };
}

/// <summary>Which period was copied from and which fields were filled.</summary>
public sealed record CopyForwardOutcome(string FromPeriod, IReadOnlyList<string> Copied);
