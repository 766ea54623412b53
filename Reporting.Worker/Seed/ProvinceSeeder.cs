using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Reporting.Worker.Calendar;
using Reporting.Worker.Database;
using Reporting.Worker.Diagnostics;

namespace Reporting.Worker.Seed;

public sealed record SeedOptions(long Dossiers, ulong Seed, int FromYear, DateTimeOffset Now, bool IfEmpty);

public sealed record SeedResult(bool Skipped, int Agencies, int Procedures, long Dossiers, long Events, int Feedback, int PlanTasks, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? (Dossiers + Events) / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Seeds the synthetic province in one transaction: reference data (agencies, lineage, signatories, catalogue)
/// through unnest inserts, then dossiers and their events through binary COPY while another thread generates
/// them, then feedback and plan tasks. Nothing in the schema is dropped or recreated.
/// </summary>
public sealed class ProvinceSeeder(NpgsqlDataSource dataSource, TextWriter? log = null)
{
    private const int ChunkSize = 50_000;

    public async Task<SeedResult> SeedAsync(SeedOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<bool>(SqlFiles.Get("seed/has_dossiers")))
        {
            if (options.IfEmpty)
            {
                return new SeedResult(true, 0, 0, 0, 0, 0, 0, clock.Elapsed);
            }

            throw new ReportingException(ErrorCodes.SeedNotEmpty,
                "Kho dữ liệu đã có hồ sơ; 'seed' chỉ chạy trên kho trống (dùng --if-empty để bỏ qua khi đã có dữ liệu).");
        }

        var shape = new ProvinceShape();
        var catalogue = new ProcedureCatalogue();
        var from = new DateOnly(options.FromYear, 1, 1);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await InsertReferenceDataAsync(connection, shape, catalogue);

        log?.WriteLine($"  cơ quan, danh mục TTHC: đến giây {clock.Elapsed.TotalSeconds:F1}");
        var agencyIds = (await connection.QueryAsync<(string Code, int Id)>(SqlFiles.Get("seed/agency_ids"))).ToDictionary(r => r.Code, r => r.Id);
        var procedureIds = (await connection.QueryAsync<(string Code, int Id)>(SqlFiles.Get("seed/procedure_ids"))).ToDictionary(r => r.Code, r => r.Id);
        var today = CivilTime.DateOf(options.Now);
        var calendar = await WorkingCalendar.LoadAsync(connection, from.AddYears(-1), today.AddYears(3), cancellationToken);

        log?.WriteLine($"  lịch ngày làm việc: đến giây {clock.Elapsed.TotalSeconds:F1}");
        // Empty tables (the usual case): truncate them in this transaction and drop their secondary indexes, COPY
        // with FREEZE (no WAL at all when wal_level = minimal), then build each index once (docs/DATA.md, "Speed").
        var bulk = await connection.ExecuteScalarAsync<bool>(SqlFiles.Get("seed/bulk_load_begin"));
        if (bulk)
        {
            await connection.ExecuteScalarAsync<long>(SqlFiles.Get("seed/bulk_load_detach_indexes"));
        }

        var firstId = await connection.ExecuteScalarAsync<long>(SqlFiles.Get("seed/reserve_dossier_ids"));
        var triggersSkipped = await connection.ExecuteScalarAsync<bool>(SqlFiles.Get("seed/skip_row_triggers"));
        var generator = new DossierGenerator(options.Seed, options.Dossiers, from, options.Now, calendar, shape, catalogue, agencyIds, procedureIds);
        var events = await CopyDossiersAsync(connection, generator, firstId, bulk, cancellationToken);
        log?.WriteLine($"  hồ sơ và sự kiện (COPY{(bulk ? " FREEZE, không chỉ mục phụ" : "")}): đến giây {clock.Elapsed.TotalSeconds:F1}");
        if (bulk)
        {
            var rebuilt = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SqlFiles.Get("seed/bulk_load_rebuild_indexes"),
                commandTimeout: 0, cancellationToken: cancellationToken));
            log?.WriteLine($"  dựng lại {rebuilt} chỉ mục: đến giây {clock.Elapsed.TotalSeconds:F1}");
        }

        var check = await connection.QuerySingleAsync<(long Rows, long FirstId, long LastId)>(SqlFiles.Get("seed/check_dossier_ids"), new { after = firstId });
        if (check.Rows != generator.Generated || (check.Rows > 0 && (check.FirstId != firstId + 1 || check.LastId != firstId + check.Rows)))
        {
            throw new ReportingException(ErrorCodes.SeedIdentityDrift,
                $"Mã định danh hồ sơ không liên tục ({check.FirstId}..{check.LastId}, {check.Rows} dòng); đã hủy, không ghi gì.");
        }

        log?.WriteLine($"  kiểm tra mã định danh: đến giây {clock.Elapsed.TotalSeconds:F1}");
        if (triggersSkipped)
        {
            var dangling = await connection.ExecuteScalarAsync<long>(SqlFiles.Get("seed/check_seeded_references"), new { after = firstId });
            if (dangling != 0)
            {
                throw new ReportingException(ErrorCodes.SeedIdentityDrift, $"{dangling} tham chiếu hồ sơ không hợp lệ; đã hủy, không ghi gì.");
            }

            // The skipped triggers include the rollup's dirty-month marks: write them as the triggers would have.
            await connection.ExecuteAsync(SqlFiles.Get("seed/mark_seeded_months_dirty"), new { after = firstId });
        }

        var feedback = SideRecords.Feedback(options.Seed, options.Dossiers, from, options.Now, calendar, shape, agencyIds);
        var tasks = SideRecords.PlanTasks(options.Seed, from, options.Now, shape, agencyIds);
        log?.WriteLine($"  phản ánh, nhiệm vụ (tạo): đến giây {clock.Elapsed.TotalSeconds:F1}");
        await CopyFeedbackAsync(connection, feedback, cancellationToken);
        await CopyPlanTasksAsync(connection, tasks, cancellationToken);
        log?.WriteLine($"  phản ánh, nhiệm vụ (COPY): đến giây {clock.Elapsed.TotalSeconds:F1}");
        await tx.CommitAsync(cancellationToken);
        return new SeedResult(false, shape.Agencies.Count, catalogue.Procedures.Count, generator.Generated, events, feedback.Count, tasks.Count, clock.Elapsed);
    }

    private static async Task InsertReferenceDataAsync(NpgsqlConnection connection, ProvinceShape shape, ProcedureCatalogue catalogue)
    {
        var a = shape.Agencies;
        await connection.ExecuteAsync(SqlFiles.Get("seed/insert_agencies"), new
        {
            code = a.Select(x => x.Code).ToArray(),
            name = a.Select(x => x.Name).ToArray(),
            short_name = a.Select(x => x.ShortName).ToArray(),
            level = a.Select(x => x.Level).ToArray(),
            kind = a.Select(x => x.Kind).ToArray(),
            symbol = a.Select(x => x.Symbol).ToArray(),
            province_name = a.Select(x => x.ProvinceName).ToArray(),
            email = a.Select(x => x.Email).ToArray(),
            valid_from = a.Select(x => x.ValidFrom.ToDateTime(TimeOnly.MinValue)).ToArray(),
            valid_to = a.Select(x => x.ValidTo?.ToDateTime(TimeOnly.MinValue)).ToArray(),
        });
        var withParent = a.Where(x => x.ParentCode is not null).ToList();
        await connection.ExecuteAsync(SqlFiles.Get("seed/insert_agency_parents"), new
        {
            code = withParent.Select(x => x.Code).ToArray(),
            parent_code = withParent.Select(x => x.ParentCode!).ToArray(),
        });
        var l = shape.Lineage;
        await connection.ExecuteAsync(SqlFiles.Get("seed/insert_lineage"), new
        {
            predecessor = l.Select(x => x.Predecessor).ToArray(),
            successor = l.Select(x => x.Successor).ToArray(),
            effective_on = l.Select(x => x.EffectiveOn.ToDateTime(TimeOnly.MinValue)).ToArray(),
            change_kind = l.Select(x => x.ChangeKind).ToArray(),
        });
        var s = shape.Signatories;
        await connection.ExecuteAsync(SqlFiles.Get("seed/insert_signatories"), new
        {
            code = s.Select(x => x.AgencyCode).ToArray(),
            rank = s.Select(x => x.Rank).ToArray(),
            titles = s.Select(x => string.Join('|', x.TitleLines)).ToArray(),
            full_name = s.Select(x => x.FullName).ToArray(),
            valid_from = s.Select(x => x.ValidFrom.ToDateTime(TimeOnly.MinValue)).ToArray(),
            valid_to = s.Select(x => x.ValidTo?.ToDateTime(TimeOnly.MinValue)).ToArray(),
        });
        var f = ProcedureCatalogue.Fields;
        await connection.ExecuteAsync(SqlFiles.Get("seed/insert_fields"), new
        {
            code = f.Select(x => x.Code).ToArray(),
            name = f.Select(x => x.Name).ToArray(),
        });
        var p = catalogue.Procedures;
        await connection.ExecuteAsync(SqlFiles.Get("seed/insert_procedures"), new
        {
            code = p.Select(x => x.Code).ToArray(),
            name = p.Select(x => x.Name).ToArray(),
            field_code = p.Select(x => x.Field.Code).ToArray(),
            level = p.Select(x => x.Level).ToArray(),
            online_service = p.Select(x => x.OnlineService).ToArray(),
            time_limit = p.Select(x => x.TimeLimit).ToArray(),
            time_unit = p.Select(x => x.TimeUnit).ToArray(),
            has_fee = p.Select(x => x.HasFee).ToArray(),
            paper_result = p.Select(x => x.PaperResult).ToArray(),
        });
    }

    /// <summary>Generation on a worker thread, COPY on this one; a bounded channel keeps memory flat.</summary>
    private static async Task<long> CopyDossiersAsync(NpgsqlConnection connection, DossierGenerator generator, long firstId, bool freeze,
        CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DossierChunk>(new BoundedChannelOptions(3) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in generator.Generate(ChunkSize))
                {
                    await channel.Writer.WriteAsync(chunk, cancellationToken);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, cancellationToken);

        long events = 0;
        var copyDossiers = SqlFiles.Get(freeze ? "seed/copy_dossiers_freeze" : "seed/copy_dossiers");
        var copyEvents = SqlFiles.Get(freeze ? "seed/copy_dossier_events_freeze" : "seed/copy_dossier_events");
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken))
            {
                using (var writer = connection.BeginBinaryImport(copyDossiers))
                {
                    for (var i = 0; i < chunk.Count; i++)
                    {
                        ref var r = ref chunk.Rows[i];
                        writer.StartRow();
                        writer.Write(r.Code, NpgsqlDbType.Text);
                        writer.Write(r.ProcedureId, NpgsqlDbType.Integer);
                        writer.Write(r.ReceivingId, NpgsqlDbType.Integer);
                        writer.Write(r.DecidingId, NpgsqlDbType.Integer);
                        writer.Write(r.Channel, NpgsqlDbType.Smallint);
                        WriteInstant(writer, r.Received);
                        WriteInstant(writer, r.Due);
                        WriteInstant(writer, r.Finished);
                        WriteInstant(writer, r.Returned);
                        WriteInstant(writer, r.Ended);
                        writer.Write(DossierStates.Names[r.State], NpgsqlDbType.Text);
                        writer.Write(r.HasFee, NpgsqlDbType.Boolean);
                        writer.Write(r.PaidOnline, NpgsqlDbType.Boolean);
                        writer.Write(r.ResultDigitised, NpgsqlDbType.Boolean);
                        writer.Write(r.ReusedDigitised, NpgsqlDbType.Boolean);
                        if (r.Rating == 0)
                        {
                            writer.WriteNull();
                        }
                        else
                        {
                            writer.Write(r.Rating, NpgsqlDbType.Smallint);
                        }

                        WriteInstant(writer, r.Updated);
                    }

                    writer.Complete();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (chunk.Events.Count > 0)
                {
                    using var writer = connection.BeginBinaryImport(copyEvents);
                    foreach (var e in chunk.Events)
                    {
                        writer.StartRow();
                        writer.Write(firstId + 1 + e.Dossier, NpgsqlDbType.Bigint);
                        writer.Write(EventKinds.Names[e.Kind], NpgsqlDbType.Text);
                        WriteInstant(writer, e.At);
                        WriteInstant(writer, e.NewDue);
                    }

                    writer.Complete();
                    events += chunk.Events.Count;
                }
            }
        }
        catch
        {
            // Unblock the generator so it ends instead of waiting on a full channel.
            channel.Writer.TryComplete();
            throw;
        }

        await producer;
        return events;
    }

    private static void WriteInstant(NpgsqlBinaryImporter writer, long utcTicks)
    {
        if (utcTicks == 0)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(new DateTime(utcTicks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        }
    }

    private static async Task CopyFeedbackAsync(NpgsqlConnection connection, List<FeedbackRow> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(SqlFiles.Get("seed/copy_feedback"), cancellationToken);
        foreach (var f in rows)
        {
            await writer.WriteRowAsync(cancellationToken, f.Code, f.AgencyId, f.Topic, f.ReceivedAt, f.DueAt, f.HandledAt, f.Satisfied);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyPlanTasksAsync(NpgsqlConnection connection, List<PlanTaskRow> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(SqlFiles.Get("seed/copy_plan_tasks"), cancellationToken);
        foreach (var t in rows)
        {
            await writer.WriteRowAsync(cancellationToken, t.AgencyId, t.PlanYear, t.Code, t.Title, t.DueOn, t.CompletedOn, t.Output);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
